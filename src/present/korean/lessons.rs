//! 레슨의 한국어: 갤러리와 레슨 패널의 낱말, 레슨마다 제목·설명·힌트·단순화한 점, 그리고 목표와
//! 그 수치. Korean words for the lessons, sibling of `english::lessons`.

use crate::lessons::{Check, LessonId, Limit, Measure, Objective, Status, Subject, Trigger};
use crate::model::ComponentKind;
use crate::present::format::{format_ms, format_plain, plain_or_short};
use crate::present::korean::grammar::finish;
use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::lessons::{LessonBody, LessonHead, LessonWord};

pub fn word(w: LessonWord) -> &'static str {
    match w {
        LessonWord::Lessons => "레슨",
        LessonWord::GalleryTitle => "사용자 수에 따른 규모 확장성",
        LessonWord::GalleryIntro => {
            "이 장을 레슨으로 나눴습니다. 레슨마다 돌아가는 시스템에서 문제를 먼저 겪어 보고, 직접 고쳐 봅니다."
        }
        LessonWord::EmptyCanvas => "빈 캔버스",
        LessonWord::ExampleSingleServer => "예제: 단일 서버",
        LessonWord::ExampleChapterFinal => "예제: 이 장의 최종 설계",
        LessonWord::FreePlay => "자유롭게 설계하기",
        LessonWord::Completed => "완료",
        LessonWord::Close => "닫기",
        LessonWord::Objectives => "목표",
        LessonWord::Back => "이전",
        LessonWord::Next => "다음",
        LessonWord::Hint => "힌트",
        LessonWord::ShowFix => "해법 보기",
        LessonWord::ShareAttempt => "내 설계 공유",
        LessonWord::Restart => "처음부터",
        LessonWord::Leave => "레슨 나가기",
        LessonWord::Simplified => "시뮬레이션이 단순화한 점",
        LessonWord::AttemptCopied => "내 설계의 링크를 복사했습니다",
        LessonWord::FixApplied => "해법을 적용했습니다. 실행 취소하면 내 설계로 돌아갑니다",
        LessonWord::AllPassed => "모든 목표를 달성했습니다",
        LessonWord::NextLesson => "다음 레슨",
        LessonWord::Figure => "수치",
        LessonWord::WaitingFor => "기다리는 중",
        LessonWord::NoFigure => "아직 없음",
        LessonWord::Fold => "레슨 접기·펼치기",
        LessonWord::Loading => "레슨 설명을 불러오는 중…",
        LessonWord::PackUnreachable => {
            "레슨 설명을 불러오지 못했습니다. 네트워크 연결을 확인하고 다시 시도하세요."
        }
        LessonWord::PackMismatch => {
            "이 페이지가 사이트의 레슨 파일보다 오래된 버전입니다. 페이지를 새로 고치면 같은 \
             버전으로 맞춰집니다."
        }
        LessonWord::TryAgain => "다시 시도",
        LessonWord::Reload => "새로 고침",
    }
}

/// 레슨 `id`의 제목과 한 줄 설명.
pub fn head(id: LessonId) -> LessonHead {
    match id {
        LessonId::SingleServer => LessonHead {
            title: "단일 서버",
            summary: "서버 한 대가 모든 사용자를 상대하다가, 사용자가 늘면서 한계에 부딪힙니다.",
        },
        LessonId::VerticalScaling => LessonHead {
            title: "수직적 규모 확장과 그 한계",
            summary: "더 큰 서버는 가장 큰 서버까지만 도움이 되고, 비용은 그보다 빨리 늘어납니다.",
        },
        LessonId::LoadBalancer => LessonHead {
            title: "로드밸런서",
            summary: "로드밸런서 뒤에 웹 서버 두 대: 한 대가 죽어도 사이트는 살아 있습니다.",
        },
        LessonId::Replication => LessonHead {
            title: "데이터베이스 다중화",
            summary: "읽기는 부 데이터베이스에서, 쓰기는 주 데이터베이스에서, 그리고 장애에 대비한 대기 서버.",
        },
        LessonId::Cache => LessonHead {
            title: "캐시",
            summary: "읽기 주도형 캐시 전략, 캐시 크기와 데이터 방출 정책, 그리고 단일 장애 지점이 된 캐시.",
        },
        LessonId::Cdn => LessonHead {
            title: "콘텐츠 전송 네트워크(CDN)",
            summary: "사용자 가까운 서버에서 보내는 정적 콘텐츠, 그리고 배포가 남기는 옛 콘텐츠.",
        },
        LessonId::StatelessWeb => LessonHead {
            title: "무상태 웹 계층",
            summary: "세션을 공유 저장소에 두면 어느 서버든 누구에게나 응답할 수 있습니다.",
        },
        LessonId::Datacenters => LessonHead {
            title: "데이터 센터 두 곳",
            summary: "지리적 라우팅, 데이터 센터 장애, 그리고 장애 복구에 걸리는 시간.",
        },
        LessonId::Monitoring => LessonHead {
            title: "로그, 메트릭 그리고 자동화",
            summary: "무언가 고장 났습니다. 대시보드와 로그로 찾아내세요.",
        },
        LessonId::MessageQueue => LessonHead {
            title: "메시지 큐",
            summary: "작업 프로세스가 큐에서 자기 속도대로 작업을 가져가고, 큐의 크기에 따라 늘어납니다.",
        },
        LessonId::Sharding => LessonHead {
            title: "샤딩",
            summary: "나머지 연산과 안정 해시, 실행 중의 재 샤딩, 그리고 유명인사 문제.",
        },
        LessonId::Millions => LessonHead {
            title: "수백만 사용자",
            summary: "데이터 센터 장애와 예산 안에서 버티는 이 장의 최종 설계.",
        },
    }
}

/// 레슨 `id`의 진행 설명, 힌트, 단순화한 점: 앱이 컴파일해 넣지 않고 내려받는 레슨 팩
/// (`present::lesson_pack`)의 글.
pub fn body(id: LessonId) -> LessonBody {
    match id {
        LessonId::SingleServer => LessonBody {
            steps: &[
                "모든 서비스는 여기서 시작합니다. DNS가 도메인 이름을 웹 서버 한 대의 주소로 바꿔 주고, \
                 그 서버가 모든 요청에 응답하며 데이터는 데이터베이스 한 대에 둡니다.",
                "2분 동안 사용자가 500명에서 4,000명으로 늘고, 한 명이 10초마다 요청을 하나씩 보냅니다. \
                 웹 서버 카드의 사용률을 지켜보세요.",
                "웹 서버가 포화 상태입니다. 처리하는 속도보다 요청이 빨리 들어와 대기열에 쌓이고, \
                 기다리는 시간이 매초 늘어납니다.",
                "p99 응답 지연시간이 200 ms를 넘었습니다. 가장 간단한 해결책은 더 큰 서버입니다. \
                 웹 서버의 인스턴스 크기를 바꾼 뒤 다시 실행해 보세요.",
                "더 큰 서버는 더 많이 처리합니다. 8 vCPU 서버는 초당 약 800개, 곧 사용자 4,000명이 \
                 보내는 요청의 두 배를 처리하므로 여유가 남습니다(4 vCPU라면 실행이 끝날 때 꽉 \
                 찹니다). 이것이 수직적 규모 확장(스케일 업)이며, 어디까지 통하는지는 다음 레슨에서 \
                 봅니다.",
            ],
            hints: &[
                "사용자가 늘면 웹 서버가 병목이 됩니다. 사용률이 100%에 가까워집니다.",
                "웹 서버를 선택하고 인스턴스 크기를 8 vCPU로 바꾸세요.",
            ],
            simplified: "웹 서버는 대기열 하나로 모델링합니다. 2 vCPU에서 요청을 한 번에 4개씩, \
                         평균 20 ms씩 처리하며, 인스턴스가 커지면 그 시간이 줄어듭니다. 메모리, \
                         디스크, 네트워크의 한계는 모델링하지 않습니다.",
        },
        LessonId::VerticalScaling => LessonBody {
            steps: &[
                "웹 서버와 데이터베이스를 분리해 각자 따로 키울 수 있게 되었습니다. 3분 동안 \
                 사용자가 2,000명에서 60,000명으로 늘고, 예산은 시간당 $8입니다.",
                "웹 서버가 포화 상태입니다. 첫 번째 해결책은 더 큰 서버(스케일 업)입니다. 인스턴스 \
                 크기를 키운 뒤 다시 실행해 보세요.",
                "응답 지연시간이 한도를 넘었습니다. 서버를 키우면 벽이 조금 뒤로 물러날 뿐, 어떤 크기를 \
                 골라도 사용자 60,000명에 이르기 전에 포화됩니다. 가장 큰 64 vCPU 서버는 가장 \
                 작은 서버의 약 22배를 처리하지만 가격은 32배입니다. 서버 한 대에는 한계가 있고, \
                 비용은 성능보다 빨리 늘며, 그 서버가 죽으면 대신 응답할 서버가 없습니다.",
                "대신 수평적으로 확장하세요. 앞에 로드밸런서를 두고 그 뒤에 8 vCPU 서버를 여러 대 \
                 둡니다. 인스턴스 수를 정하세요.",
                "8 vCPU 서버 열 대가 예산 안에서 초당 약 8,000개의 요청을 처리하고, 사용자가 더 \
                 늘면 서버를 더 추가하면 됩니다. 이것이 수평적 규모 확장(스케일 아웃)입니다.",
            ],
            hints: &[
                "화면 위쪽의 비용 배지에 설계 전체의 시간당 비용이 나옵니다.",
                "DNS와 웹 서버 사이에 로드밸런서를 두고, 웹 서버를 8 vCPU 인스턴스 10개로 바꾸세요.",
            ],
            simplified: "가격은 공개된 온디맨드 가격을 실행 시간 기준으로 적용합니다. DNS와 \
                         로드밸런서는 도착한 요청 수로 과금합니다. 인스턴스가 커지면 요청 처리 \
                         시간이 줄지만, 줄어드는 비율은 vCPU 수보다 느리게 늘어납니다(64 vCPU에서 22배).",
        },
        LessonId::LoadBalancer => LessonBody {
            steps: &[
                "DNS 뒤에 웹 서버가 한 대뿐이면, 그 서버가 다운될 때 사이트도 함께 멈춥니다. \
                 단일 장애 지점(SPOF)입니다.",
                "사용자 1,000명이 초당 100개의 요청을 보냅니다. 1분 뒤 웹 서버에 장애가 납니다. \
                 오류를 지켜보세요.",
                "웹 서버가 다운되어 모든 요청이 실패합니다. 대신 응답할 서버가 없습니다.",
                "앞에 로드밸런서를 두고(DNS가 로드밸런서를 가리키게) 그 뒤에 웹 서버 두 대를 둔 다음 \
                 다시 실행해 보세요. 이 웹 서버의 인스턴스를 두 개로 늘려도 되고, 웹 서버를 하나 더 \
                 추가해도 됩니다.",
                "서버 한 대가 죽자 로드밸런서의 헬스 체크(10초마다, 3번 실패)가 그 서버를 부하분산 \
                 대상에서 빼고, 나머지 한 대가 모든 요청을 처리했습니다. 오류는 장애를 감지할 \
                 때까지만 이어졌습니다.",
            ],
            hints: &[
                "컴포넌트 목록에서 로드밸런서를 추가하고, 웹 서버를 한 대 더 두세요. 웹 서버의 인스턴스 수를 \
                 2로 바꾸거나 웹 서버 컴포넌트를 하나 더 추가하면 됩니다.",
                "DNS를 로드밸런서에, 로드밸런서의 백엔드를 웹 서버에 연결하세요. 웹 서버 컴포넌트를 \
                 하나 더 추가했다면 그것도 데이터베이스에 연결하세요.",
            ],
            simplified: "헬스 체크는 주기적인 확인입니다. 세 번째 확인에 실패할 때까지 로드밸런서는 \
                         죽은 서버에도 요청 일부를 보내고, 그 요청은 실패합니다. 장애는 한 번에 \
                         서버 한 대씩 일어납니다. 여기서는 아무도 로그인하지 않습니다(세션은 7번 \
                         레슨에서 다룹니다).",
        },
        LessonId::Replication => LessonBody {
            steps: &[
                "초당 3,200개의 요청 가운데 4분의 3이 데이터베이스 한 대로 갑니다. 쿼리 하나에 \
                 5 ms가 걸리고 연결은 8개이므로, 초당 최대 약 1,600개를 처리합니다.",
                "데이터베이스가 포화 상태입니다. 쿼리가 대기열에 쌓이고 모든 페이지가 그 쿼리를 기다립니다.",
                "부 데이터베이스를 추가하세요. 쓰기는 여전히 주 데이터베이스가 처리하고, 읽기는 부 \
                 데이터베이스들에 분산됩니다. 부 데이터베이스 수를 2로 바꾸세요.",
                "주 데이터베이스에 장애가 났습니다. 부 데이터베이스가 없으면 이제 모든 쿼리가 \
                 실패합니다. 부 데이터베이스가 있으면 읽기는 계속되고, 쓰기는 부 데이터베이스 \
                 하나가 승격될 때까지(5초 간격 확인에 세 번 실패한 뒤 승격 30초) 실패합니다. 유실된 쓰기를 지켜보세요.",
                "부 데이터베이스 덕분에 읽기는 세 대에 나뉘었고, 주 데이터베이스에는 대기 서버가 \
                 생겼습니다. 대가는 복제 지연과, 승격된 부 데이터베이스가 아직 반영하지 못한 쓰기입니다.",
            ],
            hints: &[
                "데이터베이스 카드의 사용률이 100%에 가깝습니다.",
                "데이터베이스를 선택하고 부 데이터베이스 수를 2로 바꾸세요.",
            ],
            simplified: "부 데이터베이스는 네트워크 지연 뒤에 주 데이터베이스의 쓰기를 일정한 속도로 \
                         반영합니다. 주 데이터베이스의 장애는 주기적인 확인으로 감지하고, 정해진 승격 \
                         시간이 지나면 부 데이터베이스가 넘겨받습니다. 여기서는 아무도 로그인하지 \
                         않으며(세션은 7번 레슨에서 다룹니다), 유실된 쓰기는 복구하지 않습니다.",
        },
        LessonId::Cache => LessonBody {
            steps: &[
                "데이터베이스에 초당 2,160건의 읽기가 도착하고, 대부분은 같은 인기 키를 찾습니다. \
                 앞에 읽기 주도형 캐시가 있지만 작습니다. 키 200개를 담고, 먼저 들어온 키부터 \
                 방출합니다(FIFO).",
                "데이터베이스가 포화 상태입니다. 읽기 대부분이 캐시에서 적중하지 못합니다. 캐시 \
                 카드의 적중률을 지켜보세요.",
                "캐시 메모리를 늘리고, 인기 있는 키를 남기는 데이터 방출 정책(LRU 또는 LFU)으로 \
                 바꾼 뒤 다시 실행해 보세요.",
                "캐시 노드에 장애가 났습니다. 노드가 하나뿐이면 캐시 전체가 사라집니다. 모든 \
                 읽기가 한꺼번에 데이터베이스로 몰리고(미스 폭주), 캐시는 빈 채로 돌아옵니다. \
                 사본을 하나 더 두세요.",
                "사본이 둘이면 남은 노드가 데워진 사본으로 계속 응답합니다. 캐시가 읽기 넷 중 \
                 셋 정도를 처리하고, 데이터베이스는 미스와 쓰기만 처리합니다.",
            ],
            hints: &[
                "캐시를 선택하세요. 용량, 데이터 방출 정책, 사본 수가 캐시의 설정입니다.",
                "캐시 용량을 키 5,000개로, 데이터 방출 정책을 LRU로, 사본 수를 2로 바꾸세요.",
            ],
            simplified: "키는 Zipf 분포(키 10,000개, 알파 0.8)를 따라 고릅니다. 캐시 노드는 \
                         조회를 한 번에 하나씩 처리하고, 노드마다 전체 사본을 가집니다. 장애가 \
                         난 노드의 데이터는 사라집니다.",
        },
        LessonId::Cdn => LessonBody {
            steps: &[
                "요청 열 개 중 여섯은 이미지, 스크립트, 스타일 같은 정적 콘텐츠입니다. 이 요청은 \
                 사용자 가까운 CDN 서버로 가고, CDN에 없는 콘텐츠는 원본 서버(웹 서버)에서 가져옵니다.",
                "원본 서버에 초당 2,200개가 넘는 요청이 옵니다. CDN이 오브젝트를 100개만 담을 수 \
                 있어 정적 요청 대부분이 적중하지 못합니다. CDN 용량을 늘리세요.",
                "같은 URL로 새 정적 콘텐츠를 배포했는데, CDN은 가지고 있던 사본을 만료될 때까지 \
                 (여기서는 하루) 계속 내보냅니다. 사용자는 옛 파일을 받습니다. 오브젝트 버저닝(URL 끝에 ?v=2처럼 \
                 버전을 붙이는 방법)을 켜세요.",
                "CDN이 정적 요청 대부분을 사용자 가까이에서 처리하고, 새 URL로 배포한 콘텐츠는 \
                 오브젝트마다 한 번씩만 원본에서 가져옵니다. 실행 중에 CDN에 장애를 내 보세요. \
                 모든 정적 요청이 원본 서버로 넘어갑니다.",
            ],
            hints: &[
                "CDN을 선택하세요. 엣지 용량과 오브젝트 버저닝이 CDN의 설정입니다.",
                "CDN의 엣지 용량을 오브젝트 5,000개로 늘리고 오브젝트 버저닝을 켜세요.",
            ],
            simplified: "CDN은 모든 사용자가 함께 쓰는 엣지 캐시 하나로 모델링하며, LRU 방식으로 \
                         적중한 요청에 엣지 왕복 시간의 절반 만에 응답합니다. 오브젝트는 키처럼 \
                         Zipf 분포를 따라 고릅니다. CDN API로 콘텐츠를 무효화하는 방법은 \
                         모델링하지 않으며, 여기서는 버저닝된 URL을 씁니다.",
        },
        LessonId::StatelessWeb => LessonBody {
            steps: &[
                "사용자 20,000명 중 절반이 로그인해 있고, 각자의 세션은 로그인을 처리한 웹 서버의 \
                 메모리에 있습니다. 4분 동안 트래픽이 두 배로 늘고, 자동 규모 확장이 서버를 추가합니다.",
                "세션을 잃고 있습니다. 로드밸런서가 로그인한 사용자를 아무 서버로나 보내는데, \
                 다른 서버는 그 사용자를 모릅니다. 사용자를 한 서버에 붙여 두는 고정 세션을 써 보세요.",
                "고정 세션은 서버가 바뀔 때마다 깨집니다. 자동 규모 확장이 서버를 더하거나 서버가 죽으면 \
                 사용자가 옮겨지고 로그아웃됩니다. 대신 상태 정보를 웹 계층 밖으로 옮기세요. 서버를 \
                 무상태로 바꾸고 세션 저장소를 두세요.",
                "웹 서버 한 대가 죽었습니다. 상태를 가진 서버는 사용자의 세션도 함께 잃지만, 공유 \
                 저장소가 있으면 남은 서버가 모든 세션을 찾습니다.",
                "잃어버린 세션이 없습니다. 어느 서버든 누구에게나 응답하므로 계층을 늘리고 줄이고 \
                 서버를 잃어도 괜찮습니다. 이것이 수평적 규모 확장에 필요한 무상태 웹 계층입니다.",
            ],
            hints: &[
                "컴포넌트 목록에서 세션 저장소를 추가하고, 각 웹 계층의 세션 포트를 연결하세요.",
                "두 웹 계층의 세션을 무상태로 바꾸고, 로드밸런서를 라운드 로빈으로 되돌리세요.",
            ],
            simplified: "세션은 서버 인스턴스 하나의 메모리나 세션 저장소에 있는 키입니다. 고정 \
                         세션 로드밸런서는 사용자를 자신이 보는 인스턴스 자리 중 하나에 대응시키므로, \
                         자리 수가 바뀌면 사용자가 옮겨집니다. 세션 저장소의 사본마다 모든 세션을 가집니다.",
        },
        LessonId::Datacenters => LessonBody {
            steps: &[
                "데이터 센터 두 곳이 각각 서비스 전체를 실행합니다. GeoDNS가 북미 사용자는 데이터 센터 1로, \
                 유럽 사용자는 데이터 센터 2로 보냅니다. 데이터 센터 1의 데이터베이스는 쓰기를 데이터 센터 2의 데이터베이스로 보냅니다.",
                "데이터 센터 1이 다운되었습니다. GeoDNS는 헬스 체크가 세 번 연속 실패할 때까지 북미 사용자를 \
                 계속 데이터 센터 1로 보내고, 클라이언트는 레코드의 TTL이 끝날 때까지 이전 응답을 씁니다. \
                 그동안 요청이 실패합니다.",
                "오류가 90초 넘게 이어졌습니다. 데이터 센터의 상태를 더 자주 확인하도록 헬스 체크 \
                 간격을 줄이세요.",
                "다음으로 레코드의 TTL을 줄여 클라이언트가 더 빨리 다시 묻게 하세요(DNS 질의는 \
                 늘어납니다). 데이터 센터 2의 데이터베이스가 주 데이터베이스 역할을 넘겨받고, 데이터 센터 1이 \
                 아직 보내지 못한 쓰기는 잃습니다.",
                "이제 장애 복구가 1분 안에 끝납니다. 헬스 체크 세 번과 TTL만큼입니다. 데이터 센터 2의 웹 \
                 계층은 자동 규모 확장으로 북미 사용자까지 처리했습니다.",
            ],
            hints: &[
                "DNS(여기서는 GeoDNS)를 선택하세요. 헬스 체크 간격과 레코드 TTL이 장애 복구 속도를 정합니다.",
                "헬스 체크 간격을 10초로, 레코드 TTL을 20초로 바꾸세요.",
            ],
            simplified: "GeoDNS는 사용자 집단마다 같은 지역의 데이터 센터로 응답하고, 클라이언트는 \
                         그 응답을 레코드의 TTL 동안 씁니다. 데이터 센터 장애는 그 안의 컴포넌트를 \
                         한꺼번에 멈춥니다. 데이터베이스는 정해진 네트워크 지연 뒤에 비동기로 다른 \
                         지역에 복제됩니다.",
        },
        LessonId::Monitoring => LessonBody {
            steps: &[
                "이 서비스는 몇 달째 문제없이 돌아갔습니다. DNS, 로드밸런서, 웹 서버 네 대, 세션 \
                 저장소, 데이터베이스, 로그·메트릭이 있습니다. 실행을 눌러 보세요. 무언가 고장 나지만, \
                 무엇인지는 아무도 알려 주지 않습니다.",
                "요청이 실패하고 있습니다. 어떤 요청이 어디서 실패하는지 찾아보세요. 처리량 차트에 \
                 실패 이유가 나오고, 이벤트 로그에 무슨 일이 있었는지 나옵니다. 로그 한 줄을 누르면 \
                 그 줄이 가리키는 컴포넌트가 선택됩니다.",
                "찾았나요? 문제의 컴포넌트를 선택하고, 장애의 원인을 고친 뒤 다시 실행해 보세요.",
                "세션 저장소가 가득 찼습니다. 자리를 만들려고 세션을 방출했고, 그 사용자들은 \
                 로그아웃되었습니다. 로그가 이를 알렸고 실패 차트가 이유를 보여 주었습니다. \
                 저장소 사용량에 경보를 걸어 두었다면 사용자가 알아채기 전에 경고를 받았을 것입니다.",
            ],
            hints: &[
                "요청이 \u{201c}세션 유실\u{201d} 이유로 실패합니다. 세션은 어디에 있나요?",
                "세션 저장소를 선택하고 용량을 세션 1,000,000개로 바꾸세요.",
            ],
            simplified: "요청은 클라이언트 20,000명 중 한 명이 보내며, 그중 절반이 로그인해 \
                         있습니다. 세션은 유휴 시간(30분)이 지나거나 방출될 때까지 남습니다. 요청이 \
                         실패하기 시작한 뒤에(실행이 끝난 뒤도 포함) 맞는 종류의 컴포넌트를 선택하면 \
                         찾은 것으로 봅니다.",
        },
        LessonId::MessageQueue => LessonBody {
            steps: &[
                "사진 보정 서비스입니다. 초당 200개의 요청 가운데 4분의 1이 사진 업로드이고, 업로드마다 \
                 보정 작업 하나를 메시지 큐에 발행합니다(초당 50개). 작업 프로세스 8개가 각각 4개씩, \
                 작업 하나에 400 ms를 들여 처리하므로 초당 최대 80개입니다.",
                "트래픽이 몰립니다. 1분 동안 업로드가 네 배로 늘어 초당 200개의 작업이 들어옵니다. \
                 웹 서버는 여전히 바로 응답하고, 작업은 큐에서 기다립니다. 작업 프로세스 카드에서 \
                 대기 중인 작업 수를 지켜보세요.",
                "작업 7,000개 이상이 기다리고 있고, 작업 프로세스 8개는 초당 30개씩밖에 줄이지 못합니다. \
                 큐에 쌓인 작업 수에 따라 작업 프로세스가 늘어나도록 자동 규모 확장을 켜세요.",
                "작업 프로세스가 다운되었습니다. 작업을 메모리에만 두는 큐는 기다리던 작업과 처리 중이던 \
                 작업을 모두 잃고, 다운된 동안 발행된 작업도 잃습니다. 무손실 큐는 작업 프로세스가 \
                 꺼내 갈 때까지 작업을 보관합니다. 잃어버린 작업을 지켜보세요.",
                "이제 생산자와 소비자가 따로 확장됩니다. 웹 계층은 바로 응답하고, 큐는 몰린 작업과 \
                 장애를 견디며, 작업 프로세스는 기다리는 작업에 맞춰 늘어납니다.",
            ],
            hints: &[
                "문제는 두 가지입니다. 트래픽이 몰리는 동안 쌓이는 작업, 그리고 작업 프로세스가 다운될 때 잃는 작업.",
                "메시지 큐를 선택해 무손실로 바꾸고, 작업 프로세스를 선택해 자동 규모 확장을 켜세요 \
                 (하나당 대기 작업 20개, 최대 30개).",
            ],
            simplified: "큐는 작업 프로세스의 대기열로 모델링하며, 큐 자체는 포화되지 않습니다. 작업은 \
                         처리 시간만으로 나타냅니다. 무손실 큐의 작업은 작업 프로세스가 다운되어도 \
                         남아 있다가 순서대로 다시 전달됩니다. 작업 프로세스는 15초마다 대기 작업과 \
                         처리 중인 작업을 보고 늘거나 줄며, 바로 시작합니다.",
        },
        LessonId::Sharding => LessonBody {
            steps: &[
                "초당 4,000개의 요청이 키 100,000개에 흩어지고, 키를 4로 나눈 나머지로 샤드 4개에 \
                 나눠 담습니다. 샤드 하나는 초당 2,000개의 질의를 처리합니다. 요청의 40%는 유명인사 \
                 한 명을 찾습니다.",
                "샤드 하나가 포화 상태입니다. 유명인사가 있는 샤드로, 초당 약 2,200개의 질의를 받는 \
                 동안 다른 샤드는 30%만 씁니다. 그 샤드의 읽기를 분산하세요. 샤드마다 사본을 2개씩 \
                 두세요.",
                "실행 중에 다섯 번째 샤드를 추가했습니다. 나머지 연산을 5로 바꾸면 키 다섯 개 중 네 \
                 개의 샤드가 바뀝니다. 키 80,000개를 초당 1,000개씩 옮기므로 80초 동안 부하가 \
                 더해집니다. 옮겨진 키의 비율을 지켜보세요.",
                "안정 해시는 새 샤드의 구간에 들어가는 키만, 약 다섯 개 중 하나만 옮깁니다. 샤딩 \
                 방식을 안정 해시로 바꾸세요.",
                "해시 링은 키의 약 5분의 1만 옮겼고, 복사는 약 20초 만에 끝났습니다. 유명인사의 읽기는 \
                 그 샤드의 사본들에 나뉘었습니다.",
            ],
            hints: &[
                "목표는 두 가지입니다. 핫스팟 키가 만드는 응답 지연시간, 그리고 새 샤드가 옮기는 키.",
                "샤딩된 데이터베이스를 선택해 샤드당 사본 수를 2로, 샤딩 방식을 안정 해시(가상 노드 \
                 100개)로 바꾸세요.",
            ],
            simplified: "샤드의 사본은 항상 같은 데이터를 가진다고 봅니다(복제 지연 없음). 새 샤드가 \
                         옮기는 키는 정확히 세고, 키마다 옛 샤드에서 읽기 한 번, 새 샤드에 쓰기 한 번으로 \
                         초당 1,000개씩 복사합니다. 복사가 끝나기 전까지 키는 옛 샤드가 처리합니다. \
                         유명인사 키 하나는 쪼갤 수 없으므로, 대신 그 읽기를 사본들에 나눕니다.",
        },
        LessonId::Millions => LessonBody {
            steps: &[
                "사용자 300만 명이 데이터 센터 두 곳에 초당 15,000개의 요청을 보냅니다. 지리적 \
                 라우팅이 사용자를 가장 가까운 데이터 센터로 보내고, CDN이 정적 콘텐츠를 내보내며, \
                 데이터 센터마다 로드밸런서, 웹 계층, 캐시, 데이터베이스, 메시지 큐, 작업 프로세스가 \
                 있습니다.",
                "평소 예산은 시간당 $36이고, 이 설계에는 약 $35가 듭니다. 그 가운데 3분의 \
                 2가량은 요청 수로 과금되는 DNS, CDN, 로드밸런서의 비용입니다.",
                "북미 데이터 센터에 장애가 났습니다. DNS는 헬스 체크에 3번 실패하면 그곳을 답에서 \
                 빼고, 클라이언트는 30초 안에 따라옵니다. 이제 유럽의 웹 서버 7대가 초당 약 14,300개의 \
                 요청을 받습니다.",
                "유럽은 평소 크기로는 모든 사용자를 감당하지 못합니다. 웹 계층이 필요에 따라 늘어나도록 \
                 자동 규모 확장을 켜세요.",
                "자동 규모 확장 덕분에 유럽은 장애 동안 늘었다가 그 뒤 다시 줄었습니다. 오류는 DNS가 \
                 트래픽을 우회하는 동안만 이어졌고, 비용은 예산 안으로 돌아왔습니다.",
            ],
            hints: &[
                "유럽을 가장 붐비는 날에 맞춰 늘 크게 두면 예산을 넘습니다.",
                "두 웹 계층을 선택해 자동 규모 확장을 켜세요(목표 사용률 0.65, 휴지 기간 15초, 평소 \
                 크기를 최솟값으로).",
            ],
            simplified: "아무도 로그인하지 않습니다(세션은 7번 레슨에서 다룹니다). 그래서 웹 \
                         계층이 보관할 세션이 없고 세션 저장소도 필요 없습니다. CDN의 원본 \
                         서버는 하나이며 여기서는 유럽의 로드밸런서입니다. 새 웹 서버는 바로 시작하고, \
                         장애가 난 서버도 계속 과금됩니다. 요청 수로 과금되는 서비스는 최근 10초의 요청으로 \
                         계산합니다.",
        },
    }
}

/// 레슨 `id`를 열 때.
pub fn opened(id: LessonId) -> String {
    format!("{}번 레슨: {}", id.number(), head(id).title)
}

/// 링크가 없는 레슨을 가리킬 때.
pub fn no_such_lesson(typed: &str) -> String {
    let n = LessonId::ALL.len();
    if typed.trim().is_empty() {
        return format!("이 링크에는 레슨 번호가 없습니다. 레슨은 1번부터 {n}번까지입니다.");
    }
    // 입력한 글자 뒤에 조사를 바로 붙이지 않습니다: 라틴 문자를 읽는 법은 사람마다 다릅니다.
    format!(
        "이 링크가 가리키는 \u{201c}{typed}\u{201d}라는 레슨은 없습니다. 레슨은 1번부터 {n}번까지입니다."
    )
}

/// 레슨 링크에 담긴 설계를 열 수 없을 때(`damaged`: 공유 계층이 말하는 까닭, 한 문장): 대신
/// 레슨을 처음부터 엽니다.
pub fn attempt_damaged(id: LessonId, damaged: &str) -> String {
    format!(
        "{damaged} 링크에 담긴 설계 대신 {}번 레슨을 처음부터 엽니다.",
        id.number()
    )
}

/// `m`이 재는 것.
fn measure(m: Measure) -> String {
    match m {
        Measure::P99Ms => "최근 10초 p99 응답 지연시간".into(),
        Measure::ErrorPercent => "최근 10초 실패한 요청 비율".into(),
        Measure::FailedRequests => "실행 전체에서 실패한 요청".into(),
        Measure::SessionsLost => "실행 전체에서 잃어버린 세션".into(),
        Measure::LostWrites => "실행 전체에서 유실된 쓰기".into(),
        Measure::ArrivalRps(kind) => {
            format!("최근 10초 {}에 도착한 요청", say::kind_name(Lang::Ko, kind))
        }
        Measure::ServedRps => "최근 10초 응답한 요청".into(),
        Measure::Utilization(kind) => {
            format!("최근 10초 {} 사용률", say::kind_name(Lang::Ko, kind))
        }
        Measure::ErrorsAfter(subject) => format!("{} 뒤 오류가 이어진 시간", failure(subject)),
        Measure::CostPerHour => "설계 전체의 시간당 비용".into(),
        Measure::JobsFailed => "실행 전체에서 잃어버린 작업".into(),
        Measure::StaleAssets => "실행 전체에서 내보낸 옛 정적 콘텐츠".into(),
        Measure::Found(_) => "장애가 난 컴포넌트 찾기(선택하기)".into(),
        Measure::QueueDepth => "작업 프로세스를 기다리는 작업".into(),
        Measure::KeysMovedPercent => "샤드를 추가해 옮겨진 키의 비율".into(),
    }
}

/// "웹 서버 장애", "데이터 센터 장애".
fn failure(s: Subject) -> String {
    match s {
        Subject::Kind(ComponentKind::Database) => "주 데이터베이스 장애".into(),
        Subject::Kind(kind) => format!("{} 장애", say::kind_name(Lang::Ko, kind)),
        Subject::Datacenter => "데이터 센터 장애".into(),
    }
}

/// 목표 한 줄: 무엇을, 어떤 한도로, 언제.
pub fn objective(o: &Objective) -> String {
    if let Measure::Found(_) = o.measure {
        return "장애가 난 컴포넌트를 찾아 선택하기".into();
    }
    let what = measure(o.measure);
    let (bound, sign) = match o.limit {
        Limit::AtMost(v) => (v, "이하"),
        Limit::AtLeast(v) => (v, "이상"),
    };
    let when = match o.check {
        Check::Throughout { from_s } if from_s > 0.0 => {
            format!(" ({}초부터 계속)", format_plain(from_s))
        }
        Check::Throughout { .. } => String::new(),
        Check::AtEnd => " (실행이 끝날 때)".into(),
    };
    if o.limit == Limit::AtMost(0.0) {
        return format!("{what}: 없어야 함{when}");
    }
    format!("{what}: {} {sign}{when}", figure(o.measure, bound))
}

/// 목표의 수치와 단위.
pub fn figure(m: Measure, v: f64) -> String {
    match m {
        Measure::P99Ms if v.is_infinite() => "응답 없음".into(),
        Measure::Found(_) if v >= 1.0 => "찾음".into(),
        Measure::Found(_) => "아직 못 찾음".into(),
        Measure::P99Ms => format_ms(Lang::Ko, v),
        Measure::ErrorPercent | Measure::KeysMovedPercent | Measure::Utilization(_) => {
            format!("{}%", plain_or_short(Lang::Ko, v))
        }
        Measure::ErrorsAfter(_) => format!("{}초", plain_or_short(Lang::Ko, v)),
        Measure::ArrivalRps(_) | Measure::ServedRps => {
            format!("초당 {}", plain_or_short(Lang::Ko, v))
        }
        Measure::CostPerHour => say::cost_per_hour(Lang::Ko, v),
        Measure::FailedRequests | Measure::LostWrites | Measure::StaleAssets => {
            format!("{}건", plain_or_short(Lang::Ko, v))
        }
        Measure::SessionsLost | Measure::JobsFailed | Measure::QueueDepth => {
            format!("{}개", plain_or_short(Lang::Ko, v))
        }
    }
}

/// 원인을 찾는 목표 옆: 골랐지만 원인이 아닌 컴포넌트 종류.
pub fn ruled_out(kinds: &str) -> String {
    format!("원인 아님: {kinds}")
}

/// A throughout objective's figure said as the worst of the run so far: "최악 245 ms".
pub fn worst(figure: &str) -> String {
    format!("최악 {figure}")
}

/// 목표의 상태.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Waiting => "아직 판정 전",
        Status::Holding => "유지 중",
        Status::Failing => "미달",
        Status::Passed => "달성",
        Status::Failed => "실패",
    }
}

/// 목표 `total`개 가운데 지금 달성한 수.
pub fn objectives_met(met: usize, total: usize) -> String {
    format!("목표 {total}개 중 {met}개 달성")
}

/// 계속 지켜야 하는 목표가 `at_s`초에 실패했을 때의 상태.
pub fn failed_at(at_s: f64) -> String {
    format!("{}초에 실패", plain_or_short(Lang::Ko, at_s))
}

/// 설명 단계가 기다리는 일.
pub fn trigger(t: Trigger) -> String {
    match t {
        Trigger::Now => "없음".into(),
        Trigger::RunStarted => "실행 버튼 누르기".into(),
        Trigger::AtTime(s) => format!("시뮬레이션 시간 {}초", format_plain(s)),
        Trigger::Saturated(kind) => finish(format!(
            "{}이(가) 포화 상태가 되기",
            say::kind_name(Lang::Ko, kind)
        )),
        Trigger::Down(subject) => failure(subject),
        Trigger::ErrorsAbove(p) => format!("요청의 {}%가 넘게 실패하기", format_plain(p)),
        Trigger::ObjectiveMissed(i) => format!("{}번 목표 미달", i + 1),
        Trigger::AllPassed => "모든 목표 달성".into(),
    }
}
