//! The lessons in English: the gallery's and panel's words, each lesson's title, narration,
//! hints and simplifications, and the objectives with their figures.

use crate::lessons::{Check, LessonId, Limit, Measure, Objective, Status, Subject, Trigger};
use crate::model::ComponentKind;
use crate::present::format::{format_ms, format_plain, plain_or_short};
use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::lessons::{LessonBody, LessonHead, LessonWord};

pub fn word(w: LessonWord) -> &'static str {
    match w {
        LessonWord::Lessons => "Lessons",
        LessonWord::GalleryTitle => "From zero to millions of users",
        LessonWord::GalleryIntro => {
            "The chapter in lessons: each one shows a problem in a running system, then lets you fix it."
        }
        LessonWord::EmptyCanvas => "Empty canvas",
        LessonWord::ExampleSingleServer => "Example: a single server",
        LessonWord::ExampleChapterFinal => "Example: the chapter's final architecture",
        LessonWord::FreePlay => "Free play",
        LessonWord::Completed => "Completed",
        LessonWord::Close => "Close",
        LessonWord::Objectives => "Objectives",
        LessonWord::Back => "Back",
        LessonWord::Next => "Next",
        LessonWord::Hint => "Hint",
        LessonWord::ShowFix => "Show me the fix",
        LessonWord::ShareAttempt => "Share my attempt",
        LessonWord::Restart => "Start over",
        LessonWord::Leave => "Leave the lesson",
        LessonWord::Simplified => "What the simulation simplifies",
        LessonWord::AttemptCopied => "Link to your attempt copied",
        LessonWord::FixApplied => "The fix is applied: undo to get your design back",
        LessonWord::AllPassed => "Every objective passed",
        LessonWord::NextLesson => "Next lesson",
        LessonWord::Figure => "Figure",
        LessonWord::WaitingFor => "Waiting for",
        LessonWord::NoFigure => "not yet",
        LessonWord::Fold => "Fold or unfold the lesson",
        LessonWord::Loading => "Loading the lesson's words…",
        LessonWord::PackUnreachable => {
            "The lesson's words could not be loaded. Check the connection and try again."
        }
        LessonWord::PackMismatch => {
            "This page is older than the lesson files on the site: reload the page to get both \
             from the same version."
        }
        LessonWord::TryAgain => "Try again",
        LessonWord::Reload => "Reload",
    }
}

/// Lesson `id`'s title and line.
pub fn head(id: LessonId) -> LessonHead {
    match id {
        LessonId::SingleServer => LessonHead {
            title: "A single server",
            summary: "One machine answers everyone, until the users outgrow it.",
        },
        LessonId::VerticalScaling => LessonHead {
            title: "Vertical scaling and its limit",
            summary: "A bigger machine helps until the biggest one, and the bill grows faster.",
        },
        LessonId::LoadBalancer => LessonHead {
            title: "A load balancer",
            summary: "Two web servers behind a balancer: one dies, the site stays up.",
        },
        LessonId::Replication => LessonHead {
            title: "Database replication",
            summary: "Reads on replicas, writes on the primary, and a replica ready to take over.",
        },
        LessonId::Cache => LessonHead {
            title: "A cache",
            summary: "Read-through caching, size and eviction, and the cache as a single point of failure.",
        },
        LessonId::Cdn => LessonHead {
            title: "A content delivery network",
            summary: "Static files from edges near the users, and what a deploy does to them.",
        },
        LessonId::StatelessWeb => LessonHead {
            title: "A stateless web tier",
            summary: "Sessions in a shared store, so any server can answer anyone.",
        },
        LessonId::Datacenters => LessonHead {
            title: "Two datacenters",
            summary: "GeoDNS, a datacenter failure, and how long failover takes.",
        },
        LessonId::Monitoring => LessonHead {
            title: "Logs, metrics and automation",
            summary: "Something breaks: find it from the dashboards and the log.",
        },
        LessonId::MessageQueue => LessonHead {
            title: "A message queue",
            summary: "Workers take jobs from a queue at their own pace, and scale on its depth.",
        },
        LessonId::Sharding => LessonHead {
            title: "Sharding",
            summary: "Modulo against consistent hashing, a shard added live, and the celebrity problem.",
        },
        LessonId::Millions => LessonHead {
            title: "Millions of users",
            summary: "The chapter's final architecture under a datacenter failure and a budget.",
        },
    }
}

/// Lesson `id`'s narration, hints and simplifications: the words of the lesson pack
/// (`present::lesson_pack`), which the app fetches rather than compiles in.
pub fn body(id: LessonId) -> LessonBody {
    match id {
        LessonId::SingleServer => LessonBody {
            steps: &[
                "Every service starts here: DNS turns the domain name into one web server's \
                 address, and that server answers every request, with its data in one database.",
                "Users grow from 500 to 4,000 over two minutes, each sending a request every 10 s. \
                 Watch the web server's utilization on its card.",
                "The web server is saturated: requests arrive faster than it serves them, so they \
                 queue, and the wait grows every second.",
                "p99 latency is past 200 ms. The simplest fix is a bigger machine: change the web \
                 server's instance size, then run again.",
                "A bigger server serves more: 8 vCPU answer about 800 requests a second, twice \
                 what 4,000 users send, with room to spare (4 vCPU would end the run full). That is \
                 vertical scaling (scale up); the next lesson shows where it stops.",
            ],
            hints: &[
                "As the users grow, the web server becomes the bottleneck: its utilization nears 100 %.",
                "Select the web server and set its instance size to 8 vCPU.",
            ],
            simplified: "A web server is one queue: 4 requests at a time, 20 ms each on average \
                         on 2 vCPU; a bigger instance divides that time. Memory, disk and network \
                         limits are not modelled.",
        },
        LessonId::VerticalScaling => LessonBody {
            steps: &[
                "The web server and the database now run on machines of their own, so each can \
                 grow on its own. Users grow from 2,000 to 60,000 over three minutes, and the \
                 budget is $8 an hour.",
                "The web server is saturated. The first fix is a bigger machine (scale up): raise \
                 its instance size and run again.",
                "Latency broke its limit. A bigger size only moves the wall: whatever size you \
                 try, the server saturates before 60,000 users. The biggest, 64 vCPU, serves about \
                 22 times what the smallest does for 32 times the price: one machine has a \
                 ceiling, its cost climbs faster than its capacity, and when it fails nothing else \
                 answers.",
                "Scale out instead: put a load balancer in front and run several 8-vCPU servers \
                 behind it. Set the number of instances.",
                "Ten 8-vCPU servers serve about 8,000 requests a second within the budget, and \
                 more can be added as users keep coming. This is horizontal scaling (scale out).",
            ],
            hints: &[
                "The cost badge in the header shows what the design costs an hour.",
                "Put a load balancer between DNS and the web servers, and give the web servers 10 \
                 instances of 8 vCPU.",
            ],
            simplified: "Prices are public on-demand list prices per hour of running; DNS and the \
                         load balancer are billed by the requests reaching them. A bigger \
                         instance divides a request's service time by a speed-up that grows more \
                         slowly than its vCPUs (22 times for 64 vCPU).",
        },
        LessonId::LoadBalancer => LessonBody {
            steps: &[
                "One web server behind DNS: if it goes down, the site goes down with it. It is a \
                 single point of failure.",
                "1,000 users send 100 requests a second. One minute in, the web server fails: \
                 watch the errors.",
                "The web server is down and every request fails: nothing else can answer.",
                "Put a load balancer in front (DNS resolves to it) and two web servers behind it \
                 (two instances of this tier, or a second tier), then run again.",
                "When a server died, the balancer's health checks (every 10 s, 3 misses) took it \
                 out of rotation and the other one served everyone. Errors lasted only until the \
                 failure was detected.",
            ],
            hints: &[
                "Add a load balancer from the Components list, and a second web server: set the web \
                 servers' instances to 2, or add a second web servers component.",
                "Wire DNS to the load balancer and the balancer's backends to the web servers (a \
                 second web servers component goes to the database too).",
            ],
            simplified: "Health checks are periodic probes: until the third missed probe the \
                         balancer keeps sending a share of the requests to the dead server, and \
                         those fail. A fault takes one server at a time. Nobody logs in here \
                         (sessions are lesson 7's subject).",
        },
        LessonId::Replication => LessonBody {
            steps: &[
                "Three quarters of these 3,200 requests a second reach one database, whose queries \
                 take 5 ms on 8 connections: about 1,600 a second at most.",
                "The database is saturated: queries queue, and every page waits for them.",
                "Add read replicas: writes still go to the primary, and reads spread over the \
                 replicas. Set read replicas to 2.",
                "The primary has failed. Without a replica every query fails from now on; with \
                 replicas, reads go on and writes fail until a replica is promoted (three missed \
                 checks 5 s apart, then 30 s to promote). Watch lost writes.",
                "Replicas gave the reads three machines and the primary a stand-by. The price: \
                 replica lag, and the writes the promoted replica had not applied yet.",
            ],
            hints: &[
                "The database's card shows its utilization near 100 %.",
                "Select the database and set read replicas to 2.",
            ],
            simplified: "Replicas apply the primary's writes at a fixed rate after a network \
                         delay; a failed primary is detected by periodic checks, and a replica \
                         takes over after a fixed promotion time. Nobody is logged in here \
                         (sessions are lesson 7's subject), and the lost writes are not recovered.",
        },
        LessonId::Cache => LessonBody {
            steps: &[
                "2,160 reads a second reach the database, most of them for the same popular keys. \
                 A read-through cache sits in front of it, but a small one: 200 keys, evicted \
                 first in, first out.",
                "The database is saturated: most reads miss the cache. Watch the cache's hit ratio \
                 on its card.",
                "Give the cache more memory and an eviction policy that keeps the popular keys \
                 (LRU or LFU), then run again.",
                "A cache node failed. With a single node the whole cache is gone: every read hits \
                 the database at once (a miss storm), and the cache comes back cold. Give it a \
                 second replica.",
                "With two replicas the surviving node keeps serving its warm copy: the cache \
                 answers about three reads in four, and the database only the misses and the \
                 writes.",
            ],
            hints: &[
                "Select the cache: its capacity, eviction policy and replicas are its settings.",
                "Set the cache's capacity to 5,000 keys, its eviction to LRU and its replicas to 2.",
            ],
            simplified: "Keys are drawn from Zipf's law (alpha 0.8 over 10,000 keys). A cache node \
                         answers one lookup at a time, and every node holds a full copy; a \
                         failed node's data is gone.",
        },
        LessonId::Cdn => LessonBody {
            steps: &[
                "Six requests in ten are static files: images, scripts, styles. They go to a CDN \
                 edge near the users, which asks the origin (your web servers) for what it does \
                 not hold.",
                "The origin takes more than 2,200 requests a second: the edge holds only 100 \
                 objects, so most static requests miss it. Give the edge more room.",
                "New assets were deployed under the same URLs, and the edge keeps serving the \
                 copies it holds until they expire (a day here): users get stale files. Turn on \
                 object versioning (image.png?v=2).",
                "The edge answers most static requests near the users, and a deploy under new \
                 URLs is fetched once per object. To see an edge outage, fail the CDN during a \
                 run: every static request falls back to the origin.",
            ],
            hints: &[
                "Select the CDN: its edge capacity and object versioning are its settings.",
                "Set the CDN's edge capacity to 5,000 objects and turn object versioning on.",
            ],
            simplified: "The CDN is one edge cache for all users, LRU, answering a hit in half the \
                         edge round trip; objects are drawn from Zipf's law like keys. Invalidating \
                         objects through the CDN's API is not modelled: versioned URLs are the way \
                         here.",
        },
        LessonId::StatelessWeb => LessonBody {
            steps: &[
                "Half of these 20,000 users are logged in, and each one's session lives in the \
                 memory of the web server that logged them in. The traffic doubles over four \
                 minutes, and the autoscaler adds servers as it climbs.",
                "Sessions are being lost: the balancer sends a logged-in user to any server, and \
                 the others do not know them. Sticky sessions keep each user on one server: try \
                 them.",
                "Sticky sessions break whenever the servers change: the autoscaler adds one, or \
                 one dies, and users are moved and logged out. Move the state out of the web tier \
                 instead: make the servers stateless and give them a session store.",
                "A web server died. A stateful server takes its users' sessions with it; with a \
                 shared store, the servers still running find every session.",
                "No session lost: any server answers anyone, so the tier can grow, shrink and lose \
                 servers freely. This is the stateless web tier that horizontal scaling needs.",
            ],
            hints: &[
                "Add a session store from the Components list and wire each web tier's sessions \
                 port to it.",
                "Set both web tiers' sessions to stateless, and the balancer back to round robin.",
            ],
            simplified: "A session is a key in one server instance's memory, or in the store. A \
                         sticky balancer maps a user to one of the instance slots it sees, so a \
                         change in their number moves users. Every session-store replica holds \
                         every session.",
        },
        LessonId::Datacenters => LessonBody {
            steps: &[
                "Two datacenters, each running the whole service: GeoDNS sends North America's users \
                 to DC1 and Europe's to DC2. DC1's database ships its writes to DC2's.",
                "DC1 is down. GeoDNS keeps sending North America there until its health checks fail \
                 three times in a row, and clients keep the old answer until the record's TTL runs \
                 out: meanwhile their requests fail.",
                "Errors went on for more than 90 s. Check the datacenters' health more often: lower \
                 the health-check interval.",
                "Then shorten the record's TTL, so that clients ask again sooner (for more DNS \
                 queries). DC2's database takes over as the primary, and the writes DC1 had not shipped \
                 yet are lost.",
                "Failover now takes under a minute: three missed checks plus the TTL. DC2's web \
                 tier autoscaled to serve North America too.",
            ],
            hints: &[
                "Select the DNS (GeoDNS here): its health-check interval and record TTL decide how fast it \
                 fails over.",
                "Set the health-check interval to 10 s and the record TTL to 20 s.",
            ],
            simplified: "GeoDNS answers each population with a datacenter in its region, and each \
                         client keeps an answer for the record's TTL. A datacenter failure takes \
                         every component in it down at once. The database is copied across \
                         regions asynchronously, after a fixed network delay.",
        },
        LessonId::Monitoring => LessonBody {
            steps: &[
                "This service has run fine for months: DNS, a balancer, four web servers, a \
                 session store, a database, logs and metrics. Press Run: something will break, and \
                 nobody will tell you what.",
                "Requests are failing. Find out which, and where: the throughput chart names the \
                 failure reason, and the event log says what happened. Clicking a log line selects \
                 the component it names.",
                "Found it? Select the component at fault, change what makes it fail, and run again.",
                "The session store was full: to make room it evicted sessions, and their users \
                 were logged out. The log said so and the failure chart said why requests failed; \
                 an alert on the store's fill level would have warned before the users noticed.",
            ],
            hints: &[
                "Requests fail with the reason \u{201c}session lost\u{201d}: where do the sessions live?",
                "Select the session store and set its capacity to 1,000,000 sessions.",
            ],
            simplified: "Each request comes from one of 20,000 clients, half of them logged in; a \
                         session is kept until it idles out (30 minutes) or is evicted. Finding \
                         counts once a component of the right kind is selected after requests \
                         have started failing (after the run has ended, too).",
        },
        LessonId::MessageQueue => LessonBody {
            steps: &[
                "A photo service: a quarter of the 200 requests a second are uploads, and each \
                 publishes a processing job to the message queue (50 jobs a second). Eight \
                 workers take them, 4 at a time each, 400 ms a job: 80 a second at most.",
                "A burst: for one minute uploads come four times as fast, 200 jobs a second. The \
                 web servers still answer at once; the jobs wait in the queue. Watch its depth on \
                 the workers' card.",
                "More than 7,000 jobs are waiting, and eight workers drain them at 30 a second. Let \
                 the workers scale on the queue's depth: turn on their autoscaling.",
                "The workers crashed. A queue that keeps jobs in memory only has lost every job \
                 waiting and in hand, and loses the ones published while they are down; a durable \
                 queue keeps them until a worker takes them. Watch jobs lost.",
                "Producers and consumers now grow apart: the web tier answers, the queue holds \
                 the burst and the crash, and the workers scale on what is waiting.",
            ],
            hints: &[
                "Two things go wrong: the backlog the burst piles up, and the jobs lost when the \
                 workers crash.",
                "Select the message queue and make it durable; select the workers and enable \
                 autoscaling (20 jobs waiting each, up to 30 workers).",
            ],
            simplified: "The queue is the workers' waiting line: it does not saturate itself, and \
                         a job is only its processing time. A durable queue's jobs survive the \
                         workers' crash and are handed out again in order; the workers scale every \
                         15 s on the jobs waiting and the jobs in hand, and start at once.",
        },
        LessonId::Sharding => LessonBody {
            steps: &[
                "4,000 requests a second over 100,000 keys, split over 4 shards by key % 4. A \
                 shard serves 2,000 queries a second. 40 % of the requests are for one celebrity.",
                "One shard is saturated: the celebrity's. It takes about 2,200 queries a second \
                 while the others idle at 30 %. Spread that shard's reads: give every shard 2 \
                 replicas.",
                "A fifth shard was added, live. With key % 5 four keys in five change shard: \
                 80,000 keys copied at 1,000 a second, 80 s of extra load. Watch keys moved.",
                "Consistent hashing moves only the keys that land on the new shard's arcs, about \
                 one in five. Set the sharding strategy to consistent hashing.",
                "The ring moved about a fifth of the keys, copied in about 20 s, and the \
                 celebrity's reads were spread over its shard's replicas.",
            ],
            hints: &[
                "Two objectives: the latency the hot shard causes, and the keys a new shard moves.",
                "Select the sharded database: set replicas per shard to 2 and the strategy to \
                 consistent hashing (100 virtual nodes).",
            ],
            simplified: "A shard's replicas are taken as in sync (no lag). The keys a new shard \
                         moves are counted exactly, and each is copied as a read at its old \
                         shard and a write at its new one, 1,000 a second; until its copy lands a \
                         key is served by its old shard. One celebrity key cannot be split: its \
                         reads are spread over copies instead.",
        },
        LessonId::Millions => LessonBody {
            steps: &[
                "3 million users, 15,000 requests a second, in two datacenters: GeoDNS sends \
                 each user to the nearest one, the CDN serves static files, and each datacenter \
                 has its balancer, web tier, cache, database, queue and workers.",
                "The budget is $36 an hour on a normal day, and the design costs about $35: two \
                 thirds of it paid per request, to DNS, the CDN and the balancers.",
                "North America's datacenter failed. GeoDNS stops answering with it after 3 \
                 missed checks, and clients follow within 30 s: Europe now takes about 14,300 \
                 requests a second on 7 web servers.",
                "Europe cannot serve everyone at its normal size. Let its web tier grow on \
                 demand: turn on autoscaling.",
                "Autoscaled, Europe grew for the failover and shrank back after it: errors \
                 lasted only as long as the DNS failover, and the bill is back within budget.",
            ],
            hints: &[
                "Sizing Europe for the worst day every day breaks the budget.",
                "Select both web tiers and enable autoscaling (target utilization 0.65, 15 s \
                 between changes, their normal size as the minimum).",
            ],
            simplified: "Nobody is logged in (sessions are lesson 7's subject), so the \
                         web tiers keep no sessions and need no session store. An edge \
                         has one origin, Europe's balancer here. New web servers start at once; \
                         failed servers are still billed. Request-priced services are priced on \
                         the last 10 s of requests.",
        },
    }
}

/// Said when lesson `id` opens.
pub fn opened(id: LessonId) -> String {
    format!("Lesson {}: {}", id.number(), head(id).title)
}

/// Said when a link names no lesson.
pub fn no_such_lesson(typed: &str) -> String {
    if typed.trim().is_empty() {
        return format!(
            "This link names no lesson: it opens lessons 1 to {}.",
            LessonId::ALL.len()
        );
    }
    format!(
        "This link names lesson \u{201c}{typed}\u{201d}, and there is no such lesson: it opens lessons 1 to {}.",
        LessonId::ALL.len()
    )
}

/// Said when a lesson link's attempt cannot be opened (`damaged`: why, as the share layer
/// says it, a sentence): the lesson opens at its start instead.
pub fn attempt_damaged(id: LessonId, damaged: &str) -> String {
    format!(
        "{damaged} Lesson {} opens at its start instead, not on the design the link carried.",
        id.number()
    )
}

/// What `m` measures, as a noun phrase.
fn measure(m: Measure) -> String {
    match m {
        Measure::P99Ms => "p99 latency over the last 10 s".into(),
        Measure::ErrorPercent => "requests failing over the last 10 s".into(),
        Measure::FailedRequests => "requests failed in the whole run".into(),
        Measure::SessionsLost => "sessions lost in the whole run".into(),
        Measure::LostWrites => "writes lost in the whole run".into(),
        Measure::ArrivalRps(kind) => format!(
            "requests reaching the {} over the last 10 s",
            lower(say::kind_name(Lang::En, kind))
        ),
        Measure::ServedRps => "requests answered over the last 10 s".into(),
        Measure::Utilization(kind) => format!(
            "utilization of the {} over the last 10 s",
            lower(say::kind_name(Lang::En, kind))
        ),
        Measure::ErrorsAfter(subject) => format!("errors after {}", subject_failure(subject)),
        Measure::CostPerHour => "the design's cost per hour".into(),
        Measure::JobsFailed => "background jobs lost in the whole run".into(),
        Measure::StaleAssets => "stale assets served in the whole run".into(),
        Measure::Found(_) => "the failing component found (select it)".into(),
        Measure::QueueDepth => "jobs waiting for the workers".into(),
        Measure::KeysMovedPercent => "keys moved by adding a shard".into(),
    }
}

/// "a web server failure", "a datacenter failure".
fn subject_failure(s: Subject) -> String {
    match s {
        Subject::Kind(ComponentKind::WebServers) => "a web server failure".into(),
        Subject::Kind(ComponentKind::Database) => "the primary database's failure".into(),
        Subject::Kind(kind) => {
            format!("a failure of the {}", lower(say::kind_name(Lang::En, kind)))
        }
        Subject::Datacenter => "a datacenter failure".into(),
    }
}

/// An objective as one line: what, the bound, and when.
pub fn objective(o: &Objective) -> String {
    if let Measure::Found(_) = o.measure {
        return "Find the failing component: select it".into();
    }
    let (sign, bound) = match o.limit {
        Limit::AtMost(v) => ("at most", v),
        Limit::AtLeast(v) => ("at least", v),
    };
    let what = measure(o.measure);
    // A sentence's first letter in capitals, but not a figure's name: "p99" stays as written.
    let what = if what.starts_with("p99") {
        what
    } else {
        let mut first = what.chars();
        first
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + first.as_str())
            .unwrap_or_default()
    };
    let when = match o.check {
        Check::Throughout { from_s } if from_s > 0.0 => {
            format!(", from {} s on", format_plain(from_s))
        }
        Check::Throughout { .. } => String::new(),
        Check::AtEnd => ", when the run ends".into(),
    };
    if o.limit == Limit::AtMost(0.0) {
        return format!("{what}: none{when}");
    }
    format!("{what}: {sign} {}{when}", figure(o.measure, bound))
}

/// An objective's figure with its unit.
pub fn figure(m: Measure, v: f64) -> String {
    match m {
        Measure::P99Ms if v.is_infinite() => "no answers".into(),
        Measure::Found(_) if v >= 1.0 => "found".into(),
        Measure::Found(_) => "not yet".into(),
        Measure::P99Ms => format_ms(Lang::En, v),
        Measure::ErrorPercent | Measure::KeysMovedPercent | Measure::Utilization(_) => {
            format!("{} %", plain_or_short(Lang::En, v))
        }
        Measure::ErrorsAfter(_) => format!("{} s", plain_or_short(Lang::En, v)),
        Measure::ArrivalRps(_) | Measure::ServedRps => format!("{}/s", plain_or_short(Lang::En, v)),
        Measure::CostPerHour => say::cost_per_hour(Lang::En, v),
        Measure::FailedRequests
        | Measure::SessionsLost
        | Measure::LostWrites
        | Measure::JobsFailed
        | Measure::StaleAssets
        | Measure::QueueDepth => plain_or_short(Lang::En, v),
    }
}

/// Beside an objective to find a culprit: the kinds selected that are not it.
pub fn ruled_out(kinds: &str) -> String {
    format!("not it: {kinds}")
}

/// A throughout objective's figure said as the worst of the run so far: "worst 245 ms".
pub fn worst(figure: &str) -> String {
    format!("worst {figure}")
}

/// An objective's standing.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Waiting => "not judged yet",
        Status::Holding => "holding",
        Status::Failing => "missing",
        Status::Passed => "passed",
        Status::Failed => "failed",
    }
}

/// How many of `total` objectives are met now.
pub fn objectives_met(met: usize, total: usize) -> String {
    format!("{met} of {total} objectives met")
}

/// A throughout objective's standing once it failed, at `at_s` simulated seconds.
pub fn failed_at(at_s: f64) -> String {
    format!("failed at {} s", plain_or_short(Lang::En, at_s))
}

/// What a narration step waits for.
pub fn trigger(t: Trigger) -> String {
    match t {
        Trigger::Now => "nothing".into(),
        Trigger::RunStarted => "the run to start".into(),
        Trigger::AtTime(s) => format!("{} s of simulated time", format_plain(s)),
        Trigger::Saturated(kind) => {
            format!("the {} to saturate", lower(say::kind_name(Lang::En, kind)))
        }
        Trigger::Down(subject) => subject_failure(subject),
        Trigger::ErrorsAbove(p) => format!("more than {} % of requests to fail", format_plain(p)),
        Trigger::ObjectiveMissed(i) => format!("objective {} to be missed", i + 1),
        Trigger::AllPassed => "every objective to pass".into(),
    }
}

/// A kind's name inside a sentence: "web servers", but "DNS" and "CDN" as they are.
fn lower(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(_), Some(second)) if second.is_ascii_uppercase() => name.to_string(),
        _ => name.to_ascii_lowercase(),
    }
}
