//! The run controls', the run panel's, the event log's and the canvas overlay's Korean.

use crate::decimal::{Fixed, Shortest};
use crate::present::korean::grammar;
use crate::present::text::run::RunText;

pub fn words(t: RunText) -> &'static str {
    match t {
        RunText::RunControls => "실행 제어",
        RunText::Run => "실행",
        RunText::Pause => "일시 정지",
        RunText::Step => "한 단계",
        RunText::StepTitle => "시뮬레이션 시간을 1초 진행합니다",
        RunText::Reset => "초기화",
        RunText::Speed => "속도",
        RunText::Seed => "시드",
        RunText::Random => "무작위",
        RunText::RandomSeed => "무작위 시드",
        RunText::RandomSeedTitle => "새 무작위 시드로 실행합니다",
        RunText::SpeedMax => "최대한 빠르게",
        RunText::Running => "실행 중",
        RunText::Finished => "완료",
        RunText::Paused => "일시 정지됨",
        RunText::Ready => "준비됨",
        RunText::NothingToRun => "아직 실행할 것이 없음",
        RunText::CannotRun => "실행할 수 없음",
        RunText::RateTitle => "실제 시간 1초 동안 시뮬레이션한 사용자 요청 수",
        RunText::PanelLabel => "실행과 메트릭",
        RunText::RestartedAfterEdit => {
            "다이어그램이 바뀌어 새 설계로 실행을 0초부터 다시 시작했습니다. 실행 중에 넣은 장애는 사라졌습니다"
        }
        RunText::HideDetails => "세부 항목 닫기",
        RunText::ShowDetails => "트래픽, 차트, 장애",
        RunText::CannotRunYet => "이 다이어그램은 아직 실행할 수 없습니다: ",
        RunText::EventLog => "이벤트 로그",
        RunText::LogEmpty => "장애, 장애 복구, 자동 규모 확장이 여기에 표시됩니다.",
        RunText::SelectComponent => "이 컴포넌트를 선택합니다",
        RunText::Up => "정상",
        RunText::Down => "장애",
        RunText::TakesTheWrites => "쓰기를 받는 중",
        RunText::DcUpOutOfDns => "정상 · DNS 응답에서 빠짐",
        RunText::DcDownStillInDns => "장애 · DNS가 아직 사용자를 보냄",
        RunText::DcDownMovedAway => "장애 · 사용자 트래픽 우회됨",
    }
}

pub fn random_seed_failed(error: &str) -> String {
    format!("이 브라우저에서 무작위 시드를 만들지 못했습니다({error}). 시드를 직접 입력하세요.")
}

pub fn seed_refused(typed: &str, kept: u64) -> String {
    // A number field hands over nothing for letters: then there is nothing to quote.
    let typed = if typed.is_empty() {
        String::new()
    } else {
        format!("(입력: \u{201c}{typed}\u{201d})")
    };
    grammar::finish(format!(
        "시드는 0부터 {}까지의 정수여야 합니다{typed}. 실행은 시드 {kept}을(를) 그대로 씁니다.",
        u64::MAX
    ))
}

pub fn clock(t_s: f64, duration_s: f64) -> String {
    format!(
        "t = {t_s}초 / {duration_s}초",
        t_s = Fixed(t_s, 1),
        duration_s = Fixed(duration_s, 0)
    )
}

pub fn running_at(speed: f64, behind: bool) -> String {
    if behind {
        format!(
            "{speed}배속으로 실행 중: 브라우저가 따라가지 못합니다",
            speed = Fixed(speed, 1)
        )
    } else {
        format!("{speed}배속으로 실행 중", speed = Fixed(speed, 1))
    }
}

pub fn simulated_rate(rate: &str) -> String {
    format!("시뮬레이션 {rate} req/s")
}

pub fn speed_times(x: f64) -> String {
    format!("{}배속", Shortest(x))
}

pub fn add_users_to_run(users: &str) -> String {
    format!(
        "다이어그램을 실행하려면 {users} 컴포넌트를 추가하세요. 트래픽을 보내는 컴포넌트입니다."
    )
}

pub fn badge_served(rate: &str) -> String {
    format!("처리 {rate} req/s")
}

pub fn badge_sends(sent: &str, answered: &str) -> String {
    format!("요청 {sent} · 응답 {answered} req/s")
}

pub fn badge_window(window_s: u32) -> String {
    format!("최근 {window_s}초 동안의 수치")
}

pub fn badge_utilization(percent: f64, queue: u64) -> String {
    let util =
        crate::present::format::format_percent(crate::present::lang::Lang::Ko, percent / 100.0);
    format!("사용률 {util}  대기열 {queue}")
}

pub fn badge_hit(percent: f64) -> String {
    format!("적중률 {percent}%", percent = Fixed(percent, 1))
}

pub fn badge_lag(lag: &str) -> String {
    format!("복제 지연 {lag}")
}

pub fn badge_copy_lag(lag: &str) -> String {
    format!("사본 지연 {lag}")
}

pub fn badge_nodes(up: u32, total: u32) -> String {
    format!("노드 {total}개 중 {up}개 정상")
}

pub fn badge_sessions(count: &str) -> String {
    format!("세션 {count}")
}

pub fn badge_logged_out(count: &str) -> String {
    format!("로그아웃 {count}")
}

pub fn badge_draining(up: u32, draining: u32) -> String {
    format!("활성 {up}개, 종료 중 {draining}개")
}

pub fn badge_errors(rate: &str, total: &str) -> String {
    format!("오류 초당 {rate} · 누적 {total}")
}

pub fn badge_failing(share: &str, total: &str) -> String {
    format!("실패율 {share} · 누적 {total}")
}

pub fn far_hit(share: &str) -> String {
    format!("적중률 {share}")
}

pub fn far_utilization(share: &str) -> String {
    format!("사용률 {share}")
}

pub fn far_waiting(count: &str) -> String {
    format!("대기열 {count}")
}

pub fn wire_rate(rate: &str, window_s: u32) -> String {
    format!("최근 {window_s}초 {rate} req/s")
}

pub fn wire_rate_shared(rate: &str, target: &str, wires: usize, window_s: u32) -> String {
    grammar::finish(format!(
        "최근 {window_s}초 {target}(으)로 들어오는 연결선 {wires}개 합계 {rate} req/s"
    ))
}
