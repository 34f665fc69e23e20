//! Sentences and subjects the mail, calendar and tasks are written from, in several languages.
//!
//! `{p}` in a template is replaced by a project name, `{n}` by a number, `{d}` by a weekday.

pub const SUBJECTS: &[&str] = &[
    "Project {p}: status update",
    "{p} kickoff notes",
    "Q{n} budget review",
    "Draft proposal for {p}",
    "Can we move our sync to {d}?",
    "Feedback on the {p} design",
    "Action items from today's meeting",
    "Invoice #{n}",
    "Contract renewal",
    "Team offsite planning",
    "Hiring update: {n} open roles",
    "Quarterly results are in",
    "Security review for {p}",
    "Lunch on {d}?",
    "Welcome to the team!",
    "Release notes {p} v{n}.0",
    "Customer escalation: ticket {n}",
    "Travel itinerary",
    "{p} roadmap (draft)",
    "Reminder: timesheets due {d}",
    "Your expense report #{n} was approved",
    "New comment on \"{p} spec\"",
    "Weekly digest",
    "Slides for {d}",
    "Re-org announcement",
    "Holiday schedule",
    "Training: {p} deep dive",
];

pub const OPENINGS: &[&str] = &[
    "Thanks for the quick turnaround on this.",
    "Following up on our conversation from {d}.",
    "I hope your week is going well.",
    "Quick update on {p} before the weekend.",
    "As promised, here are the details.",
    "Sorry for the delay in getting back to you.",
    "I wanted to loop you in on this.",
];

pub const SENTENCES: &[&str] = &[
    "The {p} milestone is on track and we expect to close the remaining {n} items by {d}.",
    "Finance asked for a revised estimate, so I updated the numbers in the shared workbook.",
    "Could you review the attached draft and send your comments by end of day {d}?",
    "We agreed to push the launch by one sprint to give QA time for regression testing.",
    "The customer confirmed the requirements, with two small changes to the reporting module.",
    "Let's keep the scope tight: anything beyond the MVP goes into the {p} backlog.",
    "I booked a room for {d}; the invite should already be in your calendar.",
    "There were {n} new sign-ups last week, roughly double the week before.",
    "Legal needs the final version of the contract before we can countersign.",
    "Please make sure your timesheets are submitted before the cut-off.",
    "The vendor offered a {n}% discount if we commit to a two-year term.",
    "I've shared the folder with the whole team so everyone can add notes.",
    "Performance is much better after the caching change: p95 dropped to {n} ms.",
    "We still need an owner for the migration runbook.",
    "Marketing would like a short demo video for the {p} announcement.",
    "The offsite will be in Lisbon this year, details to follow.",
    "Security flagged {n} dependencies that need an upgrade before release.",
    "I'll be out of office on {d}, Lynne is covering for me.",
];

pub const LIST_ITEMS: &[&str] = &[
    "Update the {p} project plan",
    "Confirm the budget with Finance",
    "Book travel for the offsite",
    "Review open pull requests",
    "Send the weekly report",
    "Prepare slides for {d}",
    "Schedule customer interviews",
    "Clean up the backlog",
    "Renew the SSL certificates",
    "Draft the press release",
];

pub const SIGN_OFFS: &[&str] = &["Thanks,", "Best regards,", "Cheers,", "Kind regards,", "Talk soon,", "Best,"];

pub const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// A language other than English: subjects and sentences written in it, and whether it runs
/// right to left (the body then carries `dir="rtl"`).
pub struct Language {
    pub rtl: bool,
    pub subjects: &'static [&'static str],
    pub sentences: &'static [&'static str],
}

pub const LANGUAGES: &[Language] = &[
    Language {
        rtl: true,
        subjects: &["اجتماع الفريق يوم الأحد", "تحديث حول المشروع", "الميزانية الربعية"],
        sentences: &[
            "مرحباً، أرسل لكم جدول أعمال اجتماع الأسبوع القادم.",
            "يرجى مراجعة المستند المرفق وإرسال ملاحظاتكم.",
            "شكراً جزيلاً على تعاونكم المستمر.",
        ],
    },
    Language {
        rtl: true,
        subjects: &["סיכום הפגישה מיום שלישי", "עדכון לגבי הפרויקט", "הזמנה לאירוע הצוות"],
        sentences: &["שלום, מצורף סיכום הפגישה שלנו.", "אשמח לקבל הערות עד סוף השבוע.", "תודה רבה על העבודה המצוינת."],
    },
    Language {
        rtl: false,
        subjects: &["来週の会議について", "プロジェクトの進捗報告", "見積書の送付"],
        sentences: &[
            "お疲れ様です。来週の会議の議題をお送りします。",
            "添付の資料をご確認いただけますでしょうか。",
            "引き続きよろしくお願いいたします。",
        ],
    },
    Language {
        rtl: false,
        subjects: &["季度预算审查", "关于新项目的安排", "会议纪要"],
        sentences: &["大家好，附件是本季度的预算草案。", "请在周五之前提供反馈意见。", "谢谢大家的支持！"],
    },
    Language {
        rtl: false,
        subjects: &["Réunion de l'équipe — ordre du jour", "Überprüfung des Angebots", "Reunión de planificación"],
        sentences: &[
            "Bonjour à tous, voici l'ordre du jour de la réunion de jeudi.",
            "Könnten Sie bitte das Angebot bis Freitag prüfen? Grüße aus München.",
            "¿Podemos revisar el presupuesto mañana por la mañana? ¡Gracias!",
        ],
    },
    Language {
        rtl: false,
        subjects: &["🎉 Launch day!", "☕ Coffee chat?", "🚀 Shipped: {p} v{n}"],
        sentences: &[
            "We did it! 🎉 Huge thanks to everyone who pulled late nights 🙏.",
            "Grab a ☕ and join us in the kitchen at 3pm 🍰.",
            "Numbers look great 📈, more details in the dashboard 👇.",
        ],
    },
];

pub const JUNK_SUBJECTS: &[&str] = &[
    "You have WON a $1,000 gift card!!!",
    "Urgent: verify your account now",
    "Cheap meds, no prescription",
    "Re: your invoice is overdue (action required)",
    "Hot singles in your area",
    "Congratulations, you're selected",
];

pub const TASK_TITLES: &[&str] = &[
    "Submit expense report",
    "Renew passport",
    "Book dentist appointment",
    "Prepare {p} demo",
    "Review {p} budget",
    "Call the bank",
    "Update LinkedIn profile",
    "Plan team offsite",
    "Write performance self-review",
    "Order new laptop charger",
    "Send birthday card to Mom",
    "Back up photos",
    "Read security training",
    "Fix the leaking tap",
    "Reply to recruiter",
    "File taxes",
    "Pay electricity bill",
    "Sign up for 10k run",
];

pub const GROCERIES: &[&str] = &[
    "Milk",
    "Eggs",
    "Sourdough bread",
    "Bananas",
    "Coffee beans",
    "Olive oil",
    "Tomatoes",
    "Greek yoghurt",
    "Basmati rice",
    "Parmesan",
    "Spinach",
    "Dark chocolate 🍫",
    "Oat milk",
    "Limes",
];

pub const BOOKS: &[&str] = &[
    "Read \"The Pragmatic Programmer\"",
    "Read \"Designing Data-Intensive Applications\"",
    "Read \"Dune\"",
    "Read \"ノルウェイの森\"",
    "Read \"Le Petit Prince\"",
    "Read \"Project Hail Mary\"",
    "Read \"Thinking, Fast and Slow\"",
];

pub const EVENT_SUBJECTS: &[&str] = &[
    "{p} design review",
    "Customer call: {p}",
    "Interview: Senior Engineer",
    "Budget planning",
    "Lunch & learn",
    "{p} sprint planning",
    "Retro",
    "Vendor demo",
    "All hands",
    "Focus time",
    "Dentist",
    "Coffee with Lynne",
    "Architecture council",
    "Quarterly business review",
    "Brainstorm: {p} naming",
    "Training: Excel tips",
];

/// Fills `{p}`, `{n}` and `{d}` in a template.
pub fn fill(template: &str, project: &str, number: u64, weekday: &str) -> String {
    if !template.contains('{') {
        return template.to_owned();
    }
    template.replace("{p}", project).replace("{n}", &number.to_string()).replace("{d}", weekday)
}
