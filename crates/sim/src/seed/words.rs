//! Word lists behind the demo tenant: names, companies, places and job titles.
//!
//! Names mix scripts on purpose (accented Latin, Arabic, Hebrew, Japanese, Chinese) so the client's
//! width and direction handling meets them in ordinary data.

/// (given name, ASCII form for addresses)
pub const GIVEN_NAMES: &[(&str, &str)] = &[
    ("Adele", "adele"),
    ("Alex", "alex"),
    ("Megan", "megan"),
    ("Lynne", "lynne"),
    ("Nestor", "nestor"),
    ("Isaiah", "isaiah"),
    ("Joni", "joni"),
    ("Lee", "lee"),
    ("Miriam", "miriam"),
    ("Patti", "patti"),
    ("Pradeep", "pradeep"),
    ("Grady", "grady"),
    ("Diego", "diego"),
    ("Henrietta", "henrietta"),
    ("Irvin", "irvin"),
    ("Johanna", "johanna"),
    ("Lidia", "lidia"),
    ("Christie", "christie"),
    ("Zoë", "zoe"),
    ("Søren", "soren"),
    ("Łukasz", "lukasz"),
    ("José", "jose"),
    ("Amélie", "amelie"),
    ("Björn", "bjorn"),
    ("Chloé", "chloe"),
    ("Dagný", "dagny"),
    ("Émile", "emile"),
    ("Fatima", "fatima"),
    ("Giulia", "giulia"),
    ("Hiroshi", "hiroshi"),
    ("Ingrid", "ingrid"),
    ("Javier", "javier"),
    ("Kwame", "kwame"),
    ("Leilani", "leilani"),
    ("Mateus", "mateus"),
    ("Nadia", "nadia"),
    ("Oskar", "oskar"),
    ("Priya", "priya"),
    ("Quentin", "quentin"),
    ("Rania", "rania"),
    ("Sakura", "sakura"),
    ("Tomás", "tomas"),
    ("Umar", "umar"),
    ("Valentina", "valentina"),
    ("Wei", "wei"),
    ("Ximena", "ximena"),
    ("Yusuf", "yusuf"),
    ("Zanele", "zanele"),
    ("Aoife", "aoife"),
    ("Bartosz", "bartosz"),
    ("Camille", "camille"),
    ("Dmitri", "dmitri"),
    ("Eun-ji", "eunji"),
    ("Farah", "farah"),
    ("Günther", "gunther"),
    ("Hana", "hana"),
];

/// (surname, ASCII form)
pub const SURNAMES: &[(&str, &str)] = &[
    ("Vance", "vance"),
    ("Wilber", "wilber"),
    ("Bowen", "bowen"),
    ("Robbins", "robbins"),
    ("Fayette", "fayette"),
    ("Langer", "langer"),
    ("Sherman", "sherman"),
    ("Gu", "gu"),
    ("Graham", "graham"),
    ("Fernandez", "fernandez"),
    ("Gupta", "gupta"),
    ("Archie", "archie"),
    ("Siciliani", "siciliani"),
    ("Cueto", "cueto"),
    ("Sherwood", "sherwood"),
    ("Lauer", "lauer"),
    ("Holloway", "holloway"),
    ("Cline", "cline"),
    ("Ångström", "angstrom"),
    ("Nørgaard", "norgaard"),
    ("Wiśniewski", "wisniewski"),
    ("Núñez", "nunez"),
    ("Lefèvre", "lefevre"),
    ("Müller", "muller"),
    ("O'Brien", "obrien"),
    ("Okonkwo", "okonkwo"),
    ("Tanaka", "tanaka"),
    ("Haddad", "haddad"),
    ("Kowalczyk", "kowalczyk"),
    ("Rossi", "rossi"),
    ("Santos", "santos"),
    ("Mensah", "mensah"),
    ("Kahale", "kahale"),
    ("Petrov", "petrov"),
    ("Lindqvist", "lindqvist"),
    ("Moreau", "moreau"),
    ("Ferreira", "ferreira"),
    ("Abdullah", "abdullah"),
    ("Nakamura", "nakamura"),
    ("Schwarz", "schwarz"),
    ("Dubois", "dubois"),
    ("Kim", "kim"),
    ("Chen", "chen"),
    ("Iyer", "iyer"),
];

/// Whole names in scripts other than Latin: (display name, given, surname, address local part).
pub const WORLD_NAMES: &[(&str, &str, &str, &str)] = &[
    ("محمد العلي", "محمد", "العلي", "m.alali"),
    ("ليلى حداد", "ليلى", "حداد", "layla.haddad"),
    ("נועה כהן", "נועה", "כהן", "noa.cohen"),
    ("יוסי לוי", "יוסי", "לוי", "yossi.levi"),
    ("山田 太郎", "太郎", "山田", "t.yamada"),
    ("佐藤 花子", "花子", "佐藤", "hanako.sato"),
    ("王芳", "芳", "王", "wang.fang"),
    ("李伟", "伟", "李", "li.wei"),
    ("Αλέξης Παπαδόπουλος", "Αλέξης", "Παπαδόπουλος", "alexis.p"),
    ("Ольга Смирнова", "Ольга", "Смирнова", "olga.smirnova"),
    ("김민준", "민준", "김", "minjun.kim"),
    ("Nguyễn Thị Lan", "Lan", "Nguyễn", "lan.nguyen"),
];

pub const JOB_TITLES: &[&str] = &[
    "Product Manager",
    "Software Engineer",
    "Senior Software Engineer",
    "Marketing Manager",
    "Sales Director",
    "Account Executive",
    "HR Manager",
    "Financial Analyst",
    "Designer",
    "Data Scientist",
    "Program Manager",
    "Support Engineer",
    "Legal Counsel",
    "Operations Lead",
    "CFO",
    "VP Engineering",
    "Recruiter",
    "Retail Manager",
    "Research Lead",
    "Office Manager",
    "Technical Writer",
    "Security Analyst",
];

pub const DEPARTMENTS: &[&str] =
    &["Engineering", "Sales", "Marketing", "Finance", "Human Resources", "Legal", "Operations", "Research", "Support"];

pub const OFFICES: &[&str] = &["18/2111", "20/1101", "131/1104", "24/1106", "19/3123", "12/1110", "23/2102", "Remote"];

/// (company name, mail domain)
pub const COMPANIES: &[(&str, &str)] = &[
    ("Fabrikam", "fabrikam.com"),
    ("Northwind Traders", "northwindtraders.com"),
    ("Adventure Works", "adventure-works.com"),
    ("Tailspin Toys", "tailspintoys.com"),
    ("Wide World Importers", "wideworldimporters.com"),
    ("Litware", "litwareinc.com"),
    ("Proseware", "proseware.com"),
    ("Coho Winery", "cohowinery.com"),
    ("Alpine Ski House", "alpineskihouse.com"),
    ("Woodgrove Bank", "woodgrovebank.com"),
    ("Fourth Coffee", "fourthcoffee.com"),
    ("Trey Research", "treyresearch.net"),
    ("Lucerne Publishing", "lucernepublishing.com"),
    ("Margie's Travel", "margiestravel.com"),
    ("Blue Yonder Airlines", "blueyonderairlines.com"),
    ("Graphic Design Institute", "graphicdesigninstitute.com"),
    ("Société Générale des Eaux", "sge-eaux.fr"),
    ("Müller & Söhne GmbH", "mueller-soehne.de"),
    ("株式会社サクラ", "sakura.co.jp"),
    ("شركة النخيل", "alnakheel.ae"),
    ("חברת אורן", "oren.co.il"),
];

/// Automated senders: (display name, address).
pub const SERVICES: &[(&str, &str)] = &[
    ("Microsoft Planner", "noreply@planner.office365.com"),
    ("Microsoft Teams", "noreply@email.teams.microsoft.com"),
    ("SharePoint Online", "no-reply@sharepointonline.com"),
    ("GitHub", "notifications@github.com"),
    ("Azure DevOps", "azuredevops@microsoft.com"),
    ("Expensify", "receipts@expensify.com"),
    ("Contoso IT Helpdesk", "helpdesk@contoso.com"),
    ("LinkedIn", "messages-noreply@linkedin.com"),
];

pub const PROJECTS: &[&str] = &[
    "Alpha", "Beta", "Mercury", "Orion", "Phoenix", "Atlas", "Nimbus", "Falcon", "Helios", "Aurora", "Zephyr", "Tundra",
];

pub const CITIES: &[(&str, &str, &str, &str)] = &[
    ("Redmond", "WA", "United States", "98052"),
    ("Seattle", "WA", "United States", "98101"),
    ("New York", "NY", "United States", "10001"),
    ("London", "", "United Kingdom", "EC1A 1BB"),
    ("Paris", "", "France", "75002"),
    ("München", "BY", "Germany", "80331"),
    ("Tokyo", "", "Japan", "100-0005"),
    ("Sydney", "NSW", "Australia", "2000"),
    ("Bengaluru", "KA", "India", "560001"),
    ("Dubai", "", "United Arab Emirates", ""),
    ("Tel Aviv", "", "Israel", "6100000"),
    ("São Paulo", "SP", "Brazil", "01000-000"),
];

pub const STREETS: &[&str] =
    &["1 Microsoft Way", "400 Broad St", "12 Rue de la Paix", "Marienplatz 8", "221B Baker Street", "3-1 Marunouchi"];

pub const ROOMS: &[&str] = &[
    "Conference Room Rainier",
    "Conference Room Adams",
    "Conference Room Baker",
    "Conference Room Stevens",
    "Building 20 / Lobby",
    "Café Nova",
    "Huddle 4.12",
    "Board Room (18/3F)",
];

pub const MAIL_CATEGORIES: &[&str] =
    &["Blue category", "Red category", "Green category", "Orange category", "Purple category", "Yellow category"];

/// Latin letters folded to ASCII for addresses.
pub fn ascii_fold(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.').map(|c| c.to_ascii_lowercase()).collect()
}
