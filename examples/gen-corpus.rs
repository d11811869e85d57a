//! Writes a deterministic synthetic national corpus of plans for the
//! benchmark (`benches/scale.rs`) and for trying gplan at scale:
//!
//! ```text
//! cargo run --release --example gen-corpus -- -n 10000 -o target/corpus
//! gplan --repo target/corpus check
//! ```
//!
//! The output is a plans repository: `plans/registry.toml` (the nation, 34
//! provinces, three provinces merged in 2025, and the national, provincial,
//! district, group and unit bodies, some dissolved in 2025 with a successor)
//! and N plan files, and `progress/<province>.toml`: a report for every
//! task due on one day (every third a week late) and an actual at every
//! target's first milestone. About 1% of the plans are national (a 2021–2030
//! strategy, two five-year programmes, ministry plans); the rest are spread
//! round-robin over the 34 provinces, each of which gets, in order, a
//! 2021–2030 provincial plan, two five-year plans, ten annual plans and then
//! departmental plans of one Sở for one year. Plans implement their parents
//! (several parents for some: `implements` is a DAG, written by id or by
//! document number), targets refine their parent's targets with milestones
//! at least as strong, and each plan has 20–60 tasks using every form of
//! `due` (TOML dates, days, months, quarters, years, windows, yearly days
//! and yearly windows, lists of them, and none), names written with the
//! spelling variants real documents use, and Vietnamese text.
//!
//! The same N (and seed) always gives the same bytes. The corpus checks
//! with 0 errors.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u32) -> bool {
        self.range(0, 99) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

/// The 34 provincial units since 1 July 2025: (id, name, document suffix).
const PROVINCES: &[(&str, &str)] = &[
    ("ha-noi", "Hà Nội"),
    ("hue", "Huế"),
    ("lai-chau", "Lai Châu"),
    ("dien-bien", "Điện Biên"),
    ("son-la", "Sơn La"),
    ("lang-son", "Lạng Sơn"),
    ("quang-ninh", "Quảng Ninh"),
    ("thanh-hoa", "Thanh Hóa"),
    ("nghe-an", "Nghệ An"),
    ("ha-tinh", "Hà Tĩnh"),
    ("cao-bang", "Cao Bằng"),
    ("tuyen-quang", "Tuyên Quang"),
    ("lao-cai", "Lào Cai"),
    ("thai-nguyen", "Thái Nguyên"),
    ("phu-tho", "Phú Thọ"),
    ("bac-ninh", "Bắc Ninh"),
    ("hung-yen", "Hưng Yên"),
    ("hai-phong", "Hải Phòng"),
    ("ninh-binh", "Ninh Bình"),
    ("quang-tri", "Quảng Trị"),
    ("da-nang", "Đà Nẵng"),
    ("quang-ngai", "Quảng Ngãi"),
    ("gia-lai", "Gia Lai"),
    ("khanh-hoa", "Khánh Hòa"),
    ("lam-dong", "Lâm Đồng"),
    ("dak-lak", "Đắk Lắk"),
    ("ho-chi-minh", "Thành phố Hồ Chí Minh"),
    ("dong-nai", "Đồng Nai"),
    ("tay-ninh", "Tây Ninh"),
    ("can-tho", "Cần Thơ"),
    ("vinh-long", "Vĩnh Long"),
    ("dong-thap", "Đồng Tháp"),
    ("ca-mau", "Cà Mau"),
    ("an-giang", "An Giang"),
];

/// Provinces merged on 1 July 2025 (Nghị quyết 202/2025/QH15): (id, name, into).
const MERGED: &[(&str, &str, &str)] = &[
    ("thai-binh", "Thái Bình", "hung-yen"),
    ("vinh-phuc", "Vĩnh Phúc", "phu-tho"),
    ("hoa-binh", "Hòa Bình", "phu-tho"),
];

/// A body of the registry.
struct Org {
    name: &'static str,
    short: Option<&'static str>,
    aliases: &'static [&'static str],
    level: &'static str,
    /// (dissolved on, successor)
    dissolved: Option<(&'static str, &'static str)>,
    /// Other spellings found in documents, matched by normalisation only
    /// (old tone placement, dash spacing, case).
    variants: &'static [&'static str],
    /// Abbreviation for document numbers, for bodies that issue plans.
    abbrev: Option<&'static str>,
}

const fn org(name: &'static str, level: &'static str) -> Org {
    Org {
        name,
        short: None,
        aliases: &[],
        level,
        dissolved: None,
        variants: &[],
        abbrev: None,
    }
}

const DISSOLVED_ON: &str = "2025-03-01";

const NATIONAL: &[Org] = &[
    Org {
        abbrev: Some("CP"),
        ..org("Chính phủ", "nation")
    },
    Org {
        abbrev: Some("TTg"),
        ..org("Thủ tướng Chính phủ", "nation")
    },
    Org {
        short: Some("UBQG VSTBPN"),
        variants: &["Uỷ ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam"],
        abbrev: Some("UBQG"),
        ..org(
            "Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam",
            "nation",
        )
    },
    Org {
        abbrev: Some("BNV"),
        ..org("Bộ Nội vụ", "nation")
    },
    Org {
        short: Some("Bộ LĐTBXH"),
        aliases: &["Bộ LĐ-TB&XH"],
        dissolved: Some((DISSOLVED_ON, "Bộ Nội vụ")),
        variants: &["Bộ Lao động-Thương binh và Xã hội"],
        abbrev: Some("BLĐTBXH"),
        ..org("Bộ Lao động - Thương binh và Xã hội", "nation")
    },
    Org {
        abbrev: Some("BYT"),
        ..org("Bộ Y tế", "nation")
    },
    Org {
        short: Some("Bộ GDĐT"),
        abbrev: Some("BGDĐT"),
        ..org("Bộ Giáo dục và Đào tạo", "nation")
    },
    Org {
        abbrev: Some("BTC"),
        ..org("Bộ Tài chính", "nation")
    },
    Org {
        dissolved: Some((DISSOLVED_ON, "Bộ Tài chính")),
        ..org("Bộ Kế hoạch và Đầu tư", "nation")
    },
    Org {
        short: Some("Bộ VHTTDL"),
        variants: &["Bộ Văn hoá, Thể thao và Du lịch"],
        abbrev: Some("BVHTTDL"),
        ..org("Bộ Văn hóa, Thể thao và Du lịch", "nation")
    },
    org("Bộ Công an", "nation"),
    org("Bộ Quốc phòng", "nation"),
    org("Bộ Tư pháp", "nation"),
    Org {
        dissolved: Some((DISSOLVED_ON, "Bộ Khoa học và Công nghệ")),
        ..org("Bộ Thông tin và Truyền thông", "nation")
    },
    org("Bộ Khoa học và Công nghệ", "nation"),
    Org {
        dissolved: Some((DISSOLVED_ON, "Bộ Nông nghiệp và Môi trường")),
        ..org("Bộ Nông nghiệp và Phát triển nông thôn", "nation")
    },
    org("Bộ Nông nghiệp và Môi trường", "nation"),
    org("Bộ Dân tộc và Tôn giáo", "nation"),
    Org {
        dissolved: Some((DISSOLVED_ON, "Bộ Dân tộc và Tôn giáo")),
        ..org("Ủy ban Dân tộc", "nation")
    },
    Org {
        short: Some("Hội LHPN Việt Nam"),
        ..org("Trung ương Hội Liên hiệp Phụ nữ Việt Nam", "nation")
    },
    org("Tổng cục Thống kê", "nation"),
];

const PROVINCIAL: &[Org] = &[
    Org {
        short: Some("UBND tỉnh"),
        variants: &["Uỷ ban nhân dân tỉnh", "ỦY BAN NHÂN DÂN TỈNH"],
        abbrev: Some("UBND"),
        ..org("Ủy ban nhân dân tỉnh", "province")
    },
    Org {
        short: Some("Ban VSTBPN tỉnh"),
        aliases: &["Ban VSTBCPN tỉnh"],
        abbrev: Some("BVSTBPN"),
        ..org("Ban Vì sự tiến bộ của phụ nữ tỉnh", "province")
    },
    Org {
        abbrev: Some("SNV"),
        variants: &["Sở Nội Vụ"],
        ..org("Sở Nội vụ", "province")
    },
    Org {
        short: Some("Sở LĐTBXH"),
        aliases: &["Sở LĐ-TB&XH", "Sở LĐTB&XH"],
        dissolved: Some((DISSOLVED_ON, "Sở Nội vụ")),
        variants: &[
            "Sở Lao động-Thương binh và Xã hội",
            "Sở Lao động – Thương binh và Xã hội",
        ],
        abbrev: Some("SLĐTBXH"),
        ..org("Sở Lao động - Thương binh và Xã hội", "province")
    },
    Org {
        abbrev: Some("SYT"),
        ..org("Sở Y tế", "province")
    },
    Org {
        short: Some("Sở GDĐT"),
        abbrev: Some("SGDĐT"),
        ..org("Sở Giáo dục và Đào tạo", "province")
    },
    Org {
        abbrev: Some("STC"),
        ..org("Sở Tài chính", "province")
    },
    Org {
        dissolved: Some((DISSOLVED_ON, "Sở Tài chính")),
        abbrev: Some("SKHĐT"),
        ..org("Sở Kế hoạch và Đầu tư", "province")
    },
    Org {
        short: Some("Sở VHTTDL"),
        variants: &["Sở Văn hoá, Thể thao và Du lịch"],
        abbrev: Some("SVHTTDL"),
        ..org("Sở Văn hóa, Thể thao và Du lịch", "province")
    },
    Org {
        abbrev: Some("STP"),
        ..org("Sở Tư pháp", "province")
    },
    Org {
        dissolved: Some((DISSOLVED_ON, "Sở Khoa học và Công nghệ")),
        short: Some("Sở TTTT"),
        abbrev: Some("STTTT"),
        ..org("Sở Thông tin và Truyền thông", "province")
    },
    Org {
        abbrev: Some("SKHCN"),
        ..org("Sở Khoa học và Công nghệ", "province")
    },
    Org {
        dissolved: Some((DISSOLVED_ON, "Sở Nông nghiệp và Môi trường")),
        abbrev: Some("SNNPTNT"),
        ..org("Sở Nông nghiệp và Phát triển nông thôn", "province")
    },
    Org {
        abbrev: Some("SNNMT"),
        ..org("Sở Nông nghiệp và Môi trường", "province")
    },
    Org {
        abbrev: Some("SCT"),
        ..org("Sở Công Thương", "province")
    },
    org("Sở Xây dựng", "province"),
    Org {
        dissolved: Some((DISSOLVED_ON, "Sở Dân tộc và Tôn giáo")),
        ..org("Ban Dân tộc tỉnh", "province")
    },
    org("Sở Dân tộc và Tôn giáo", "province"),
    org("Công an tỉnh", "province"),
    org("Bộ Chỉ huy Quân sự tỉnh", "province"),
    org("Thống kê tỉnh", "province"),
    Org {
        short: Some("Hội LHPN tỉnh"),
        ..org("Hội Liên hiệp Phụ nữ tỉnh", "group")
    },
    org("Tỉnh đoàn", "group"),
    org("Liên đoàn Lao động tỉnh", "group"),
    Org {
        short: Some("Ủy ban MTTQ tỉnh"),
        ..org("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "group")
    },
    org("Hội Nông dân tỉnh", "group"),
    Org {
        short: Some("UBND các huyện, thành phố"),
        variants: &["Uỷ ban nhân dân các huyện, thành phố"],
        ..org("Ủy ban nhân dân các huyện, thành phố", "district")
    },
    Org {
        short: Some("UBND cấp xã"),
        ..org("Ủy ban nhân dân cấp xã", "district")
    },
    org("Văn phòng Sở", "unit"),
    org("Thanh tra Sở", "unit"),
    org("Phòng Bình đẳng giới", "unit"),
];

/// National targets: (id, text, unit, direction, 2025, 2030), a band when
/// the two figures of a year differ.
struct TargetSpec {
    id: &'static str,
    text: &'static str,
    unit: &'static str,
    at_most: bool,
    y2025: (f64, f64),
    y2030: (f64, f64),
}

const TARGETS: &[TargetSpec] = &[
    TargetSpec {
        id: "nu-lanh-dao-chu-chot",
        text: "Cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ",
        unit: "%",
        at_most: false,
        y2025: (60.0, 60.0),
        y2030: (75.0, 75.0),
    },
    TargetSpec {
        id: "lao-dong-nu-lam-cong-an-luong",
        text: "Tỷ lệ lao động nữ làm công việc có hưởng lương",
        unit: "%",
        at_most: false,
        y2025: (50.0, 50.0),
        y2030: (60.0, 60.0),
    },
    TargetSpec {
        id: "nu-dai-bieu-hdnd",
        text: "Tỷ lệ nữ đại biểu Hội đồng nhân dân các cấp",
        unit: "%",
        at_most: false,
        y2025: (30.0, 40.0),
        y2030: (35.0, 45.0),
    },
    TargetSpec {
        id: "ty-so-gioi-tinh-khi-sinh",
        text: "Tỷ số giới tính khi sinh",
        unit: "bé trai/100 bé gái",
        at_most: true,
        y2025: (109.0, 109.0),
        y2030: (108.0, 108.0),
    },
    TargetSpec {
        id: "thoi-gian-viec-nha",
        text: "Thời gian trung bình làm công việc nội trợ và chăm sóc gia đình không được trả công của nữ giới so với nam giới",
        unit: "lần",
        at_most: true,
        y2025: (1.7, 1.7),
        y2030: (1.4, 1.4),
    },
    TargetSpec {
        id: "nan-nhan-bao-luc-duoc-ho-tro",
        text: "Tỷ lệ người bị bạo lực trên cơ sở giới được phát hiện và được tiếp cận ít nhất một trong các dịch vụ hỗ trợ cơ bản",
        unit: "%",
        at_most: false,
        y2025: (80.0, 80.0),
        y2030: (90.0, 90.0),
    },
];

const VERBS: &[&str] = &[
    "Tổ chức",
    "Triển khai",
    "Tăng cường",
    "Đẩy mạnh",
    "Nâng cao chất lượng",
    "Rà soát, đánh giá",
    "Hướng dẫn, kiểm tra",
    "Xây dựng và nhân rộng",
    "Tuyên truyền, phổ biến",
    "Lồng ghép",
    "Theo dõi, giám sát",
    "Bồi dưỡng, tập huấn",
    "Khảo sát, thu thập",
    "Phối hợp thực hiện",
    "Kiện toàn",
];

const OBJECTS: &[&str] = &[
    "công tác bình đẳng giới và vì sự tiến bộ của phụ nữ",
    "các hoạt động truyền thông nâng cao nhận thức về bình đẳng giới",
    "mô hình phòng, chống bạo lực trên cơ sở giới tại cộng đồng",
    "đội ngũ cán bộ làm công tác bình đẳng giới ở cơ sở",
    "số liệu thống kê giới của địa phương",
    "việc lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy phạm pháp luật",
    "các dịch vụ hỗ trợ nạn nhân bạo lực gia đình",
    "tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
    "chương trình giáo dục về giới trong trường học",
    "hoạt động của Ban Vì sự tiến bộ của phụ nữ các cấp",
    "công tác cán bộ nữ, quy hoạch nữ lãnh đạo, quản lý",
    "việc thực hiện Luật Bình đẳng giới tại các cơ quan, đơn vị",
    "điểm tư vấn, hỗ trợ phụ nữ dân tộc thiểu số ở vùng sâu, vùng xa",
    "sinh kế cho phụ nữ nông thôn, phụ nữ yếu thế",
    "mạng lưới cộng tác viên, tuyên truyền viên ở thôn, bản, tổ dân phố",
];

const QUALIFIERS: &[&str] = &[
    "trên địa bàn tỉnh",
    "giai đoạn 2021 - 2030",
    "tại các huyện miền núi, biên giới",
    "trong các cơ quan, đơn vị, doanh nghiệp",
    "ở vùng đồng bào dân tộc thiểu số",
    "cho cán bộ, công chức cấp xã",
    "gắn với phong trào thi đua của ngành",
    "theo hướng dẫn của cơ quan cấp trên",
];

const NOTES: &[&str] = &[
    "Chủ trì, phối hợp theo mục IV của kế hoạch. Kết quả thực hiện gửi kèm báo cáo 6 tháng và báo cáo năm.",
    "Trọng tâm là phụ nữ và trẻ em gái ở vùng khó khăn; ưu tiên lồng ghép với Dự án 8 thuộc Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi.",
    "Kinh phí từ ngân sách địa phương và các nguồn hợp pháp khác; đơn vị chủ trì lập dự toán cùng dự toán ngân sách hằng năm.",
    "Báo cáo kết quả về cơ quan thường trực trước ngày 05 tháng 12 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh và cơ quan Trung ương.",
    "Hình thức: hội nghị, tọa đàm, sân khấu hóa, pa-nô, áp phích, tin bài trên cổng thông tin điện tử và mạng xã hội.",
    "Đối tượng: cán bộ, công chức, viên chức, người lao động, học sinh, sinh viên và người dân; chú trọng nam giới và trẻ em trai.",
];

/// Milestones as (year, low, high).
type Milestones = Vec<(i32, f64, f64)>;

/// A target of a plan: (id, index in `TARGETS`, milestones).
type TargetInfo = (String, usize, Milestones);

/// One plan as the generator knows it, for children to refer to.
struct PlanInfo {
    id: String,
    number: String,
    issued: (i32, u32, u32),
    task_ids: Vec<String>,
    /// (target id, national spec index, milestones (year, low, high))
    targets: Vec<TargetInfo>,
    jurisdiction: &'static str,
    /// Tasks due on one day inside the period: (task id, that day).
    dated: Vec<(String, String)>,
}

/// What kind of plan a slot is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Strategy,
    Programme { from: i32 },
    Ministry { year: i32 },
    Provincial,
    FiveYear { from: i32 },
    Annual { year: i32 },
    Departmental { year: i32 },
}

struct Generator {
    rng: Rng,
    out: PathBuf,
    plans: Vec<PlanInfo>,
    next_number: u32,
    bytes: u64,
}

fn main() -> io::Result<()> {
    let mut n = 1000usize;
    let mut out = PathBuf::from("corpus");
    let mut seed = 2026u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| io::Error::other(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "-n" => {
                n = value("-n")?
                    .parse()
                    .map_err(|e| io::Error::other(format!("-n: {e}")))?
            }
            "-o" => out = PathBuf::from(value("-o")?),
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| io::Error::other(format!("--seed: {e}")))?
            }
            "-h" | "--help" => {
                println!("usage: gen-corpus [-n PLANS] [-o DIR] [--seed N]");
                return Ok(());
            }
            other => return Err(io::Error::other(format!("unknown argument `{other}`"))),
        }
    }
    let stats = generate(n, &out, seed)?;
    println!(
        "wrote {} plans and a registry to {} ({:.1} MB of TOML)",
        stats.0,
        out.display(),
        stats.1 as f64 / 1e6
    );
    Ok(())
}

/// Writes the registry and `n` plans under `dir/plans`; returns the number
/// of plans and the bytes written. An existing `dir/plans` is replaced.
pub fn generate(n: usize, dir: &Path, seed: u64) -> io::Result<(usize, u64)> {
    let plans_dir = dir.join("plans");
    if plans_dir.exists() {
        fs::remove_dir_all(&plans_dir)?;
    }
    fs::create_dir_all(&plans_dir)?;
    let registry = registry();
    fs::write(plans_dir.join("registry.toml"), &registry)?;
    let mut generator = Generator {
        rng: Rng(seed),
        out: plans_dir,
        plans: Vec::with_capacity(n),
        next_number: 1,
        bytes: registry.len() as u64,
    };
    generator.all(n)?;
    let progress = progress(&generator.plans, &dir.join("progress"))?;
    Ok((generator.plans.len(), generator.bytes + progress))
}

/// Writes one progress file per province (replacing `dir`): a report for
/// every task of its plans due on one day (every third one late), and an
/// actual at the first milestone of every target. Returns the bytes
/// written.
fn progress(plans: &[PlanInfo], dir: &Path) -> io::Result<u64> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    let mut files: std::collections::BTreeMap<&str, String> = Default::default();
    for plan in plans.iter().filter(|p| p.jurisdiction != "vn") {
        let s = files.entry(plan.jurisdiction).or_default();
        let issued = date(plan.issued);
        for (k, (task, day)) in plan.dated.iter().enumerate() {
            let on_time = if *day < issued { &issued } else { day };
            let delivered = if k % 3 == 2 {
                late(on_time)
            } else {
                on_time.clone()
            };
            let _ = writeln!(
                s,
                "[[report]]\ntask = {}\ndeadline = {day}\ndelivered = {delivered}\n",
                q(&format!("{}#{task}", plan.id))
            );
        }
        for (target, _, milestones) in &plan.targets {
            let Some(&(year, low, _)) = milestones.first() else {
                continue;
            };
            let _ = writeln!(
                s,
                "[[actual]]\ntarget = {}\nyear = {year}\nvalue = {low}\n",
                q(&format!("{}#{target}", plan.id))
            );
        }
    }
    let mut bytes = 0;
    for (province, text) in files {
        bytes += text.len() as u64;
        fs::write(dir.join(format!("{province}.toml")), text)?;
    }
    Ok(bytes)
}

/// A day a week after `day` (`YYYY-MM-DD`), or the same day when the week
/// would cross a month's end.
fn late(day: &str) -> String {
    match day.get(8..10).and_then(|d| d.parse::<u32>().ok()) {
        Some(d) if d <= 21 => format!("{}{:02}", &day[..8], d + 7),
        _ => day.to_owned(),
    }
}

fn registry() -> String {
    let mut s =
        String::from("# Synthetic registry written by `cargo run --example gen-corpus`.\n\n");
    s.push_str("[[jurisdiction]]\nid = \"vn\"\nname = \"Việt Nam\"\nlevel = \"nation\"\n\n");
    for (id, name) in PROVINCES {
        let _ = write!(
            s,
            "[[jurisdiction]]\nid = \"{id}\"\nname = \"{name}\"\nlevel = \"province\"\nparent = \"vn\"\n\n"
        );
    }
    for (id, name, into) in MERGED {
        let _ = write!(
            s,
            "[[jurisdiction]]\nid = \"{id}\"\nname = \"{name}\"\nlevel = \"province\"\nparent = \"vn\"\nmerged_into = \"{into}\"\nmerged_on = 2025-07-01\n\n"
        );
    }
    for org in NATIONAL.iter().chain(PROVINCIAL) {
        let _ = write!(s, "[[org]]\nname = \"{}\"\n", org.name);
        if let Some(short) = org.short {
            let _ = writeln!(s, "short = \"{short}\"");
        }
        if !org.aliases.is_empty() {
            let _ = writeln!(s, "aliases = {}", list(org.aliases.iter().copied()));
        }
        let _ = writeln!(s, "level = \"{}\"", org.level);
        if let Some((on, successor)) = org.dissolved {
            let _ = writeln!(s, "dissolved = {on}\nsuccessor = \"{successor}\"");
        }
        s.push('\n');
    }
    s
}

/// A TOML basic string.
fn q(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(q).collect();
    format!("[{}]", items.join(", "))
}

fn date((y, m, d): (i32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI"];
const POINTS: &[&str] = &["a", "b", "c", "d", "đ", "e"];

impl Generator {
    fn all(&mut self, n: usize) -> io::Result<()> {
        let national = (n / 100).clamp(3.min(n), 100);
        let mut slots: Vec<(Option<usize>, Slot)> = Vec::with_capacity(n);
        for k in 0..national {
            let slot = match k {
                0 => Slot::Strategy,
                1 => Slot::Programme { from: 2021 },
                2 => Slot::Programme { from: 2026 },
                k => Slot::Ministry {
                    year: 2021 + ((k - 3) % 10) as i32,
                },
            };
            slots.push((None, slot));
        }
        let mut per_province = [0usize; PROVINCES.len()];
        for i in 0..n - national {
            let p = i % PROVINCES.len();
            let k = per_province[p];
            per_province[p] += 1;
            let slot = match k {
                0 => Slot::Provincial,
                1 => Slot::FiveYear { from: 2021 },
                2 => Slot::FiveYear { from: 2026 },
                k if k < 13 => Slot::Annual {
                    year: 2021 + (k - 3) as i32,
                },
                k => Slot::Departmental {
                    year: 2021 + ((k - 13) % 10) as i32,
                },
            };
            slots.push((Some(p), slot));
        }
        // Provinces' plans by slot, to find parents.
        let mut by_province: Vec<Vec<(Slot, usize)>> = vec![Vec::new(); PROVINCES.len()];
        let mut national_plans: Vec<(Slot, usize)> = Vec::new();
        for (province, slot) in slots {
            let index = self.plans.len();
            let info = match province {
                None => {
                    let info = self.national(slot, &national_plans)?;
                    national_plans.push((slot, index));
                    info
                }
                Some(p) => {
                    let info = self.provincial(p, slot, &by_province[p], &national_plans)?;
                    by_province[p].push((slot, index));
                    info
                }
            };
            self.plans.push(info);
        }
        Ok(())
    }

    fn number(&mut self) -> u32 {
        let n = self.next_number;
        self.next_number += 1;
        n
    }

    fn national(&mut self, slot: Slot, known: &[(Slot, usize)]) -> io::Result<PlanInfo> {
        let find = |want: Slot| known.iter().find(|(s, _)| *s == want).map(|&(_, i)| i);
        let seq = self.number();
        let (id, kind, title, issuer, number, issued, from, to, parents) = match slot {
            Slot::Strategy => (
                format!("vn/nq-{seq}-2021"),
                "strategy",
                "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030".to_owned(),
                &NATIONAL[0],
                format!("{seq}/NQ-CP"),
                (2021, 3, 3),
                (2021, 1),
                2030,
                vec![],
            ),
            Slot::Programme { from } => (
                format!("vn/qd-{seq}-{}", from - 1),
                "program",
                format!(
                    "Chương trình truyền thông về bình đẳng giới giai đoạn {from} - {}",
                    from + 4
                ),
                &NATIONAL[1],
                format!("{seq}/QĐ-TTg"),
                if from == 2021 {
                    (2021, 3, 20)
                } else {
                    (2025, 10, self.rng.range(1, 28))
                },
                (from, 1),
                from + 4,
                find(Slot::Strategy).into_iter().collect(),
            ),
            Slot::Ministry { year } => {
                let issuer = *self.rng.pick(&[0usize, 2, 3, 4, 5, 6, 9]);
                let issuer = &NATIONAL[issuer];
                let issuer = if year >= 2025 && issuer.dissolved.is_some() {
                    &NATIONAL[3]
                } else {
                    issuer
                };
                let programme = if year <= 2025 { 2021 } else { 2026 };
                let mut parents: Vec<usize> = find(Slot::Programme { from: programme })
                    .into_iter()
                    .collect();
                if parents.is_empty() {
                    parents.extend(find(Slot::Strategy));
                }
                (
                    format!("vn/kh-{seq}-{year}"),
                    "plan",
                    format!(
                        "Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ của {} năm {year}",
                        issuer.name
                    ),
                    issuer,
                    format!("{seq}/KH-{}", issuer.abbrev.unwrap_or("BNV")),
                    if year == 2021 {
                        (2021, 4, self.rng.range(1, 28))
                    } else {
                        (year, self.rng.range(1, 2), self.rng.range(1, 28))
                    },
                    (year, 1),
                    year,
                    parents,
                )
            }
            _ => unreachable!("national slots only"),
        };
        let path = format!("{id}.toml");
        self.write_plan(PlanSpec {
            path,
            id,
            number,
            kind,
            title,
            issuer: issuer.name,
            jurisdiction: "vn",
            issued,
            from,
            to,
            parents,
            national: true,
        })
    }

    fn provincial(
        &mut self,
        p: usize,
        slot: Slot,
        known: &[(Slot, usize)],
        national: &[(Slot, usize)],
    ) -> io::Result<PlanInfo> {
        let (pid, pname) = PROVINCES[p];
        let find = |want: Slot| known.iter().find(|(s, _)| *s == want).map(|&(_, i)| i);
        let find_nat = |want: Slot| national.iter().find(|(s, _)| *s == want).map(|&(_, i)| i);
        let seq = self.number();
        let ubnd = &PROVINCIAL[0];
        let ban = &PROVINCIAL[1];
        let mut folder = pid.to_owned();
        let (id, kind, title, issuer, issued, from, to, parents) = match slot {
            Slot::Provincial => (
                format!("{pid}/kh-{seq}-2021"),
                "program",
                format!("Chương trình thực hiện Chiến lược quốc gia về bình đẳng giới trên địa bàn tỉnh {pname} giai đoạn 2021 - 2030"),
                ubnd,
                (2021, self.rng.range(4, 6), self.rng.range(1, 28)),
                (2021, 1),
                2030,
                find_nat(Slot::Strategy).into_iter().collect::<Vec<_>>(),
            ),
            Slot::FiveYear { from } => {
                let mut parents: Vec<usize> = find(Slot::Provincial).into_iter().collect();
                parents.extend(find_nat(Slot::Programme { from }));
                (
                    format!("{pid}/kh-{seq}-{}", if from == 2021 { 2021 } else { 2025 }),
                    "plan",
                    format!("Kế hoạch thực hiện công tác bình đẳng giới tỉnh {pname} giai đoạn {from} - {}", from + 4),
                    ubnd,
                    if from == 2021 {
                        (2021, 7, self.rng.range(1, 28))
                    } else {
                        (2025, 11, self.rng.range(1, 28))
                    },
                    (from, 1),
                    from + 4,
                    parents,
                )
            }
            Slot::Annual { year } => {
                let five = if year <= 2025 { 2021 } else { 2026 };
                let mut parents: Vec<usize> = find(Slot::FiveYear { from: five })
                    .or_else(|| find(Slot::Provincial))
                    .into_iter()
                    .collect();
                if parents.is_empty() {
                    parents.extend(find_nat(Slot::Strategy));
                }
                let issuer = if self.rng.chance(50) { ban } else { ubnd };
                (
                    format!("{pid}/kh-{seq}-{year}"),
                    "plan",
                    format!("Kế hoạch thực hiện công tác bình đẳng giới và hoạt động vì sự tiến bộ của phụ nữ trên địa bàn tỉnh {pname} năm {year}"),
                    issuer,
                    if year == 2021 {
                        (2021, 8, self.rng.range(1, 28))
                    } else {
                        (year, self.rng.range(1, 2), self.rng.range(1, 28))
                    },
                    (year, 1),
                    year,
                    parents,
                )
            }
            Slot::Departmental { year } => {
                let candidates: Vec<&Org> = PROVINCIAL[2..16]
                    .iter()
                    .filter(|o| o.abbrev.is_some() && !(year >= 2025 && o.dissolved.is_some()))
                    .collect();
                let issuer = *self.rng.pick(&candidates);
                let five = if year <= 2025 { 2021 } else { 2026 };
                let mut parents: Vec<usize> = find(Slot::Annual { year })
                    .or_else(|| find(Slot::FiveYear { from: five }))
                    .or_else(|| find(Slot::Provincial))
                    .into_iter()
                    .collect();
                if parents.is_empty() {
                    parents.extend(find_nat(Slot::Strategy));
                }
                if self.rng.chance(15) {
                    // A second parent: the DAG of `implements`.
                    if let Some(five) = find(Slot::FiveYear { from: five }) {
                        if !parents.contains(&five) {
                            parents.push(five);
                        }
                    }
                }
                let abbrev = issuer.abbrev.unwrap_or("S");
                folder = format!("{pid}/{}", slug(abbrev));
                let parent_issued = parents
                    .iter()
                    .map(|&i| self.plans[i].issued)
                    .max()
                    .unwrap_or((year, 1, 1));
                let issued = if parent_issued.0 < year {
                    (year, self.rng.range(1, 3), self.rng.range(1, 28))
                } else {
                    let month = (parent_issued.1 + self.rng.range(1, 2)).min(12);
                    (year, month, self.rng.range(1, 28))
                };
                (
                    format!("{pid}/{}/kh-{seq}-{year}", slug(abbrev)),
                    "plan",
                    format!("Kế hoạch thực hiện công tác bình đẳng giới của {} tỉnh {pname} năm {year}", issuer.name),
                    issuer,
                    issued,
                    (year, 1),
                    year,
                    parents,
                )
            }
            _ => unreachable!("provincial slots only"),
        };
        let number = format!("{seq}/KH-{}", issuer.abbrev.unwrap_or("UBND"));
        let file = id.rsplit('/').next().unwrap_or(&id).to_owned();
        self.write_plan(PlanSpec {
            path: format!("{folder}/{file}.toml"),
            id,
            number,
            kind,
            title,
            issuer: issuer.name,
            jurisdiction: pid,
            issued,
            from,
            to,
            parents,
            national: false,
        })
    }

    /// A written name for a body: canonical, short, alias or variant.
    fn spelling(&mut self, org: &Org) -> String {
        let mut options: Vec<&str> = vec![org.name, org.name];
        options.extend(org.short);
        options.extend(org.aliases.iter().copied());
        options.extend(org.variants.iter().copied());
        (*self.rng.pick(&options)).to_owned()
    }

    fn write_plan(&mut self, spec: PlanSpec) -> io::Result<PlanInfo> {
        let mut s = String::with_capacity(16 * 1024);
        let _ = writeln!(s, "# {} (gen-corpus)\n", spec.title);
        s.push_str("[plan]\n");
        let _ = writeln!(s, "id = {}", q(&spec.id));
        let _ = writeln!(s, "number = {}", q(&spec.number));
        let _ = writeln!(s, "kind = {}", q(spec.kind));
        let _ = writeln!(s, "title = {}", q(&spec.title));
        let issuer_org = NATIONAL
            .iter()
            .chain(PROVINCIAL)
            .find(|o| o.name == spec.issuer)
            .expect("issuers are registry bodies");
        let _ = writeln!(s, "issuer = {}", q(&self.spelling(issuer_org)));
        let _ = writeln!(s, "jurisdiction = {}", q(spec.jurisdiction));
        let _ = writeln!(s, "issued = {}", date(spec.issued));
        if spec.from.0 == spec.to && spec.from.1 == 1 && self.rng.chance(50) {
            let _ = writeln!(s, "period = {}", spec.to);
        } else if spec.from.1 == 1 && self.rng.chance(50) {
            let _ = writeln!(s, "period = [{}, {}]", spec.from.0, spec.to);
        } else {
            let _ = writeln!(
                s,
                "period = [{}, {}-12-31]",
                date((spec.from.0, spec.from.1, 1)),
                spec.to
            );
        }
        if !spec.parents.is_empty() {
            let refs: Vec<String> = spec
                .parents
                .iter()
                .map(|&i| {
                    if self.rng.chance(10) {
                        self.plans[i].number.clone()
                    } else {
                        self.plans[i].id.clone()
                    }
                })
                .collect();
            let _ = writeln!(s, "implements = {}", list(refs.iter().map(String::as_str)));
        }
        let _ = writeln!(
            s,
            "cites = {}",
            list(["Luật Bình đẳng giới 2006", "73/2006/QH11"])
        );
        let signer = *self.rng.pick(&[
            "Nguyễn Thị Hương",
            "Trần Văn Đức",
            "Lê Thị Thu Hà",
            "Phạm Quốc Việt",
            "Hoàng Thị Ngọc Ánh",
            "Vũ Đình Tuấn",
        ]);
        let _ = writeln!(
            s,
            "signer = {{ name = {}, position = {}, capacity = \"Trưởng ban\" }}",
            q(signer),
            q(if spec.national {
                "Phó Thủ tướng Chính phủ"
            } else {
                "Phó Chủ tịch UBND tỉnh"
            })
        );
        let _ = writeln!(
            s,
            "recipients = {}",
            list([
                "Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam",
                "Vụ Bình đẳng giới",
                "Các sở, ban, ngành, đoàn thể tỉnh",
                "Lưu: VT",
            ])
        );
        let _ = writeln!(
            s,
            "funding = \"Ngân sách nhà nước theo phân cấp hiện hành; nguồn tài trợ, huy động từ xã hội và các nguồn hợp pháp khác.\"\n"
        );
        let targets = self.targets(&spec, &mut s);
        let (task_ids, dated) = self.tasks(&spec, &mut s);
        let path = self.out.join(&spec.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        self.bytes += s.len() as u64;
        fs::write(path, s)?;
        Ok(PlanInfo {
            id: spec.id,
            number: spec.number,
            issued: spec.issued,
            task_ids,
            targets,
            jurisdiction: spec.jurisdiction,
            dated,
        })
    }

    fn targets(&mut self, spec: &PlanSpec, s: &mut String) -> Vec<TargetInfo> {
        let mut out = Vec::new();
        // The first parent with targets is the one refined.
        let parent = spec
            .parents
            .iter()
            .copied()
            .find(|&i| !self.plans[i].targets.is_empty());
        let parent_targets: Vec<(String, TargetInfo)> = match parent {
            Some(i) => self.plans[i]
                .targets
                .iter()
                .map(|(id, n, m)| (self.plans[i].id.clone(), (id.clone(), *n, m.clone())))
                .collect(),
            None if spec.national && spec.parents.is_empty() => TARGETS
                .iter()
                .enumerate()
                .map(|(n, t)| {
                    (
                        String::new(),
                        (
                            t.id.to_owned(),
                            n,
                            vec![(2025, t.y2025.0, t.y2025.1), (2030, t.y2030.0, t.y2030.1)],
                        ),
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        let years: Vec<i32> = (spec.from.0..=spec.to).collect();
        for (parent_id, (target_id, n, parent_milestones)) in parent_targets {
            if !parent_id.is_empty() && self.rng.chance(30) {
                continue;
            }
            let t = &TARGETS[n];
            let mut milestones = Vec::new();
            for &(year, low, high) in &parent_milestones {
                if years.contains(&year) {
                    milestones.push((year, low, high));
                }
            }
            if milestones.is_empty() {
                // An annual plan: its own year, a step towards the next parent milestone.
                let year = spec.to;
                let Some(&(_, low, high)) = parent_milestones
                    .iter()
                    .find(|m| m.0 >= year)
                    .or(parent_milestones.last())
                else {
                    continue;
                };
                milestones.push((year, low, high));
            }
            // Stronger than (or as strong as) the parent, inside 0..=100 for %.
            let step = f64::from(self.rng.range(0, 4)) / 2.0;
            let milestones: Vec<(i32, f64, f64)> = milestones
                .into_iter()
                .map(|(y, low, high)| {
                    if parent_id.is_empty() {
                        (y, low, high)
                    } else if t.at_most {
                        let d = if t.unit == "lần" { step / 10.0 } else { step };
                        (y, low - d, high - d)
                    } else {
                        let d = step.min(100.0 - high);
                        (y, low + d, high + d)
                    }
                })
                .collect();
            let own_id = target_id.clone();
            s.push_str("[[target]]\n");
            let _ = writeln!(s, "id = {}", q(&own_id));
            let _ = writeln!(s, "text = {}", q(t.text));
            let _ = writeln!(s, "unit = {}", q(t.unit));
            if t.at_most {
                s.push_str("direction = \"at-most\"\n");
            }
            let written: Vec<String> = milestones
                .iter()
                .map(|&(y, low, high)| {
                    if low == high {
                        format!("{y} = {}", number(low))
                    } else {
                        format!("{y} = [{}, {}]", number(low), number(high))
                    }
                })
                .collect();
            let _ = writeln!(s, "milestones = {{ {} }}", written.join(", "));
            if !parent_id.is_empty() {
                let _ = writeln!(s, "refines = {}", q(&format!("{parent_id}#{target_id}")));
            }
            s.push('\n');
            out.push((own_id, n, milestones));
        }
        out
    }

    /// Writes the tasks; returns their ids, and the tasks due on one day
    /// inside the period with that day (what progress files report).
    fn tasks(&mut self, spec: &PlanSpec, s: &mut String) -> (Vec<String>, Vec<(String, String)>) {
        let period_start = date((spec.from.0, spec.from.1, 1));
        let mut dated = Vec::new();
        let count = self.rng.range(20, 60) as usize;
        let parent_tasks: Vec<(String, String)> = spec
            .parents
            .iter()
            .flat_map(|&i| {
                let plan = &self.plans[i];
                plan.task_ids
                    .iter()
                    .map(move |t| (plan.id.clone(), t.clone()))
            })
            .collect();
        let sections = 2 + count / 15;
        let mut ids = Vec::with_capacity(count);
        let mut section = 0;
        let mut item = 0;
        let mut point = 0usize;
        let pool: &[Org] = if spec.national { NATIONAL } else { PROVINCIAL };
        let issued_after_dissolution = spec.issued >= (2025, 3, 1);
        for k in 0..count {
            // Section numbering without gaps: II.1, II.2, II.3.a, II.3.b, …
            if k > 0 && k % (count / sections + 1) == 0 && section + 1 < ROMAN.len() {
                section += 1;
                item = 0;
                point = 0;
            }
            if point > 0 && point < 4 && self.rng.chance(60) {
                point += 1;
            } else {
                item += 1;
                point = usize::from(self.rng.chance(15));
            }
            let reference = if point > 0 {
                format!("{}.{item}.{}", ROMAN[section], POINTS[point - 1])
            } else {
                format!("{}.{item}", ROMAN[section])
            };
            let id = format!("nv-{}-{k}", slug(&reference));
            let mut title = format!("{} {}", self.rng.pick(VERBS), self.rng.pick(OBJECTS));
            if self.rng.chance(30) {
                title.push(' ');
                title.push_str(self.rng.pick::<&str>(QUALIFIERS));
            }
            s.push_str("[[task]]\n");
            let _ = writeln!(s, "id = {}", q(&id));
            let _ = writeln!(s, "ref = {}", q(&reference));
            let _ = writeln!(s, "title = {}", q(&title));
            let leads = if self.rng.chance(10) { 2 } else { 1 };
            let mut lead_names = Vec::new();
            for _ in 0..leads {
                let mut org = self.rng.pick(pool);
                if issued_after_dissolution {
                    if let Some((_, successor)) = org.dissolved {
                        org = pool.iter().find(|o| o.name == successor).unwrap_or(org);
                    }
                }
                lead_names.push(self.spelling(org));
            }
            lead_names.dedup();
            if lead_names.len() == 1 {
                let _ = writeln!(s, "lead = {}", q(&lead_names[0]));
            } else {
                let _ = writeln!(s, "lead = {}", list(lead_names.iter().map(String::as_str)));
            }
            let supports = self.rng.range(0, 2);
            if supports > 0 {
                let names: Vec<String> = (0..supports)
                    .map(|_| {
                        let org = self.rng.pick(pool);
                        self.spelling(org)
                    })
                    .collect();
                let _ = writeln!(s, "support = {}", list(names.iter().map(String::as_str)));
            }
            if self.rng.chance(12) {
                let org = if spec.national {
                    &NATIONAL[2]
                } else {
                    &PROVINCIAL[1]
                };
                let _ = writeln!(s, "report_to = {}", q(&self.spelling(org)));
            }
            if let Some(due) = self.due(spec) {
                let _ = writeln!(s, "due = {due}");
                let day = due.trim_matches('"');
                let one_day = day.len() == 10 && day.as_bytes()[4] == b'-';
                if one_day && day >= period_start.as_str() {
                    dated.push((id.clone(), day.to_owned()));
                }
            }
            if !parent_tasks.is_empty() && self.rng.chance(25) {
                let (plan, task) = self.rng.pick(&parent_tasks);
                let _ = writeln!(s, "implements = {}", q(&format!("{plan}#{task}")));
            }
            if self.rng.chance(10) {
                let _ = writeln!(s, "note = {}", q(self.rng.pick::<&str>(NOTES)));
            }
            s.push('\n');
            ids.push(id);
        }
        (ids, dated)
    }

    /// A `due` value inside the plan period, in every accepted form.
    fn due(&mut self, spec: &PlanSpec) -> Option<String> {
        let (y0, y1) = (spec.from.0, spec.to);
        let year = self.rng.range(y0 as u32, y1 as u32) as i32;
        let month = self.rng.range(1, 12);
        let day = self.rng.range(1, days_in_month(year, month));
        let quarter = self.rng.range(1, 4);
        let form = self.rng.range(0, 15);
        Some(match form {
            0 => return None,
            1 => date((year, month, day)),
            2 => q(&date((year, month, day))),
            3 => q(&year.to_string()),
            4 => q(&format!("{year}-Q{quarter}")),
            5 => q(&format!("{year}-{month:02}")),
            6 => {
                let end = self.rng.range(quarter, 4);
                q(&format!("{year}-Q{quarter}..{year}-Q{end}"))
            }
            7 => {
                let end = self.rng.range(month, 12);
                q(&format!("{year}-{month:02}..{year}-{end:02}"))
            }
            8 => {
                let end_year = self.rng.range(year as u32, y1 as u32);
                q(&format!("{year}..{end_year}"))
            }
            9 | 10 => q(&format!("yearly {:02}-{:02}", month, day.min(28))),
            11 => {
                let end = self.rng.range(month, 12);
                q(&format!(
                    "yearly {month:02}-01..{end:02}-{:02}",
                    day.clamp(2, 28)
                ))
            }
            12 => q("yearly 12-15..01-15"),
            13 => format!("[{}, {}]", q("yearly 06-05"), q("yearly 12-05")),
            14 => format!(
                "[{}, {}]",
                q(&format!("{year}-{month:02}")),
                date((year, 12, 5))
            ),
            _ => q("yearly 11-15..12-15"),
        })
    }
}

struct PlanSpec {
    path: String,
    id: String,
    number: String,
    kind: &'static str,
    title: String,
    issuer: &'static str,
    jurisdiction: &'static str,
    issued: (i32, u32, u32),
    from: (i32, u32),
    to: i32,
    parents: Vec<usize>,
    national: bool,
}

/// Lower-case ASCII, `-` between words.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            'Đ' | 'đ' => 'd',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}
