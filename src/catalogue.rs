//! The catalogue of the format: every table, row and column of both editions, written once.
//!
//! Each closed set of the format — the applicant columns of section 三, its outcome rows, the
//! appeal blocks of section 四, the Art. 20 rows of section 二 — is an enum here, and each
//! variant carries its canonical key (`docs/spec/CELLS.md`) and its official Chinese label; the
//! documentation of each variant starts with both, `` `key` — 官方标签 ``.
//! Readers, writers, validation messages and the JSON Schema take keys and labels from here and
//! nowhere else.
//!
//! The layout of each edition (which rows and columns a table has, in which order, under which
//! caption) is also written here, in [`proactive_groups`], [`application_rows`] and the `ALL`
//! constants.

use core::fmt;

/// Declares a closed set of the format: the enum, its `ALL` list in the official order, the
/// canonical key and the official label of each variant.
macro_rules! catalogue_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $key:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("`", $key, "` — ", $label)]
                #[doc = ""]
                $(#[$vmeta])*
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in the order of the official format.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The position of the variant in [`Self::ALL`] (the variants are declared in
            /// that order), without a search.
            #[allow(dead_code)]
            pub(crate) const fn ordinal(self) -> usize {
                self as usize
            }

            /// The canonical ASCII key of `docs/spec/CELLS.md`.
            pub const fn key(self) -> &'static str {
                match self { $( $name::$variant => $key, )+ }
            }

            /// The official Chinese label, as the 2021 edition prints it when the editions
            /// differ (see `label_in` where the type has one).
            pub const fn label(self) -> &'static str {
                match self { $( $name::$variant => $label, )+ }
            }

            /// Looks a variant up by its canonical key; `None` for an unknown key.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $( $key => Some($name::$variant), )+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

/// An edition of the uniform annual report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Edition {
    /// `2019` — 国办公开办函〔2019〕60号, used for the reports on 2019 and 2020.
    E2019,
    /// `2021` — 国办公开办函〔2021〕30号, used for the reports on 2021 and later.
    E2021,
}

impl Edition {
    /// Both editions, oldest first.
    pub const ALL: &'static [Edition] = &[Edition::E2019, Edition::E2021];

    /// The canonical key: `"2019"` or `"2021"`.
    pub const fn key(self) -> &'static str {
        match self {
            Edition::E2019 => "2019",
            Edition::E2021 => "2021",
        }
    }

    /// Looks an edition up by its key (`"2019"` or `"2021"`).
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "2019" => Some(Edition::E2019),
            "2021" => Some(Edition::E2021),
            _ => None,
        }
    }

    /// The document that issued the edition.
    pub const fn document(self) -> &'static str {
        match self {
            Edition::E2019 => "国办公开办函〔2019〕60号",
            Edition::E2021 => "国办公开办函〔2021〕30号",
        }
    }

    /// The edition the format prescribes for a report on `year`: 2019 for years up to 2020,
    /// 2021 from 2021 on.
    pub const fn for_year(year: u16) -> Edition {
        if year <= 2020 {
            Edition::E2019
        } else {
            Edition::E2021
        }
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

catalogue_enum! {
    /// The kind of body that issues a report; it sets the deadline of Art. 49.
    IssuerKind {
        /// A department of a government (deadline 31 January).
        Department => "department", "政府部门";
        /// A government's own report (deadline 31 March).
        Government => "government", "人民政府";
    }
}

catalogue_enum! {
    /// The three tables of a report, by their cells-table key.
    TableKey {
        /// Section 二, 主动公开政府信息情况.
        Proactive => "proactive", "二、主动公开政府信息情况";
        /// Section 三, 收到和处理政府信息公开申请情况.
        Applications => "applications", "三、收到和处理政府信息公开申请情况";
        /// Section 四, 政府信息公开行政复议、行政诉讼情况.
        Appeals => "appeals", "四、政府信息公开行政复议、行政诉讼情况";
    }
}

/// The sections of a report, with their canonical headings.
pub const SECTION_HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The kind of number a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CellType {
    /// A non-negative whole number (件, 个, 项).
    Count,
    /// A signed whole number: 本年增/减 of the 2019 edition.
    Change,
    /// A decimal amount: 采购总金额 (2019) or 本年收费金额（单位：万元） (2021).
    Amount,
}

impl CellType {
    /// What the type is, in Chinese, for messages.
    pub const fn describe(self) -> &'static str {
        match self {
            CellType::Count => "非负整数",
            CellType::Change => "整数（可为负）",
            CellType::Amount => "金额",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Section 二
// ---------------------------------------------------------------------------------------------

catalogue_enum! {
    /// A row of section 二 (an Art. 20 information item), both editions.
    ProactiveRow {
        /// 规章.
        Regulations => "regulations", "规章";
        /// 规范性文件 (2019) / 行政规范性文件 (2021).
        NormativeDocuments => "normative_documents", "行政规范性文件";
        /// 行政许可.
        Licensing => "licensing", "行政许可";
        /// 其他对外管理服务事项 (2019 only).
        OtherServices => "other_services", "其他对外管理服务事项";
        /// 行政处罚.
        Penalties => "penalties", "行政处罚";
        /// 行政强制.
        CoerciveMeasures => "coercive_measures", "行政强制";
        /// 行政事业性收费.
        Fees => "fees", "行政事业性收费";
        /// 政府集中采购 (2019 only).
        Procurement => "procurement", "政府集中采购";
    }
}

impl ProactiveRow {
    /// The official label in `edition`.
    pub const fn label_in(self, edition: Edition) -> &'static str {
        match (self, edition) {
            (ProactiveRow::NormativeDocuments, Edition::E2019) => "规范性文件",
            _ => self.label(),
        }
    }
}

catalogue_enum! {
    /// A column of section 二, both editions.
    ProactiveColumn {
        /// 本年新制作数量 (2019).
        NewlyMade => "newly_made", "本年新制作数量";
        /// 本年新公开数量 (2019).
        NewlyPublished => "newly_published", "本年新公开数量";
        /// 对外公开总数量 (2019).
        TotalPublished => "total_published", "对外公开总数量";
        /// 上一年项目数量 (2019).
        PreviousItems => "previous_items", "上一年项目数量";
        /// 本年增/减 (2019), signed.
        Change => "change", "本年增/减";
        /// 处理决定数量 (2019) / 本年处理决定数量 (2021).
        Decisions => "decisions", "本年处理决定数量";
        /// 采购项目数量 (2019).
        Projects => "projects", "采购项目数量";
        /// 采购总金额 (2019) / 本年收费金额（单位：万元） (2021).
        Amount => "amount", "本年收费金额（单位：万元）";
        /// 本年制发件数 (2021).
        Issued => "issued", "本年制发件数";
        /// 本年废止件数 (2021).
        Repealed => "repealed", "本年废止件数";
        /// 现行有效件数 (2021).
        InForce => "in_force", "现行有效件数";
    }
}

impl ProactiveColumn {
    /// The official label in `edition`.
    pub const fn label_in(self, edition: Edition) -> &'static str {
        match (self, edition) {
            (ProactiveColumn::Decisions, Edition::E2019) => "处理决定数量",
            (ProactiveColumn::Amount, Edition::E2019) => "采购总金额",
            _ => self.label(),
        }
    }

    /// The kind of number the column holds.
    pub const fn cell_type(self) -> CellType {
        match self {
            ProactiveColumn::Change => CellType::Change,
            ProactiveColumn::Amount => CellType::Amount,
            _ => CellType::Count,
        }
    }
}

/// One captioned table of section 二: the rows of one Art. 20 item and their columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProactiveGroup {
    /// The item of Art. 20, as printed in the caption: `"一"`, `"五"`, `"六"`, `"八"` or `"九"`.
    pub item: &'static str,
    /// The caption, e.g. `第二十条第（一）项`.
    pub caption: &'static str,
    /// The rows, in order.
    pub rows: &'static [ProactiveRow],
    /// The columns after 信息内容, in order.
    pub columns: &'static [ProactiveColumn],
}

use ProactiveColumn as PC;
use ProactiveRow as PR;

const PROACTIVE_2019: &[ProactiveGroup] = &[
    ProactiveGroup {
        item: "一",
        caption: "第二十条第（一）项",
        rows: &[PR::Regulations, PR::NormativeDocuments],
        columns: &[PC::NewlyMade, PC::NewlyPublished, PC::TotalPublished],
    },
    ProactiveGroup {
        item: "五",
        caption: "第二十条第（五）项",
        rows: &[PR::Licensing, PR::OtherServices],
        columns: &[PC::PreviousItems, PC::Change, PC::Decisions],
    },
    ProactiveGroup {
        item: "六",
        caption: "第二十条第（六）项",
        rows: &[PR::Penalties, PR::CoerciveMeasures],
        columns: &[PC::PreviousItems, PC::Change, PC::Decisions],
    },
    ProactiveGroup {
        item: "八",
        caption: "第二十条第（八）项",
        rows: &[PR::Fees],
        columns: &[PC::PreviousItems, PC::Change],
    },
    ProactiveGroup {
        item: "九",
        caption: "第二十条第（九）项",
        rows: &[PR::Procurement],
        columns: &[PC::Projects, PC::Amount],
    },
];

const PROACTIVE_2021: &[ProactiveGroup] = &[
    ProactiveGroup {
        item: "一",
        caption: "第二十条第（一）项",
        rows: &[PR::Regulations, PR::NormativeDocuments],
        columns: &[PC::Issued, PC::Repealed, PC::InForce],
    },
    ProactiveGroup {
        item: "五",
        caption: "第二十条第（五）项",
        rows: &[PR::Licensing],
        columns: &[PC::Decisions],
    },
    ProactiveGroup {
        item: "六",
        caption: "第二十条第（六）项",
        rows: &[PR::Penalties, PR::CoerciveMeasures],
        columns: &[PC::Decisions],
    },
    ProactiveGroup {
        item: "八",
        caption: "第二十条第（八）项",
        rows: &[PR::Fees],
        columns: &[PC::Amount],
    },
];

/// The captioned tables of section 二 in `edition`, in order.
pub const fn proactive_groups(edition: Edition) -> &'static [ProactiveGroup] {
    match edition {
        Edition::E2019 => PROACTIVE_2019,
        Edition::E2021 => PROACTIVE_2021,
    }
}

/// The columns of `row` in section 二 of `edition`; empty when the edition lacks the row.
pub fn proactive_columns(edition: Edition, row: ProactiveRow) -> &'static [ProactiveColumn] {
    proactive_groups(edition)
        .iter()
        .find(|g| g.rows.contains(&row))
        .map_or(&[], |g| g.columns)
}

/// The cells of section 二 in `edition`, in the order of the format.
pub fn proactive_cells(edition: Edition) -> impl Iterator<Item = (ProactiveRow, ProactiveColumn)> {
    proactive_groups(edition).iter().flat_map(|g| {
        g.rows
            .iter()
            .flat_map(|&r| g.columns.iter().map(move |&c| (r, c)))
    })
}

/// The header cell of the first column of every table in section 二.
pub const PROACTIVE_CONTENT_HEADER: &str = "信息内容";

// ---------------------------------------------------------------------------------------------
// Section 三
// ---------------------------------------------------------------------------------------------

/// The header note of section 三, verbatim.
pub const APPLICATIONS_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// The header over the applicant columns of section 三.
pub const APPLICANT_HEADER: &str = "申请人情况";

/// The header that groups the five organisation columns of section 三.
pub const ORGANISATIONS_HEADER: &str = "法人或其他组织";

/// The header row 三 of section 三, which has no numbers of its own.
pub const OUTCOMES_HEADER: &str = "三、本年度办理结果";

catalogue_enum! {
    /// A column of section 三: who applied.
    ApplicantColumn {
        /// 自然人.
        NaturalPerson => "natural_person", "自然人";
        /// 商业企业 (法人或其他组织).
        Commercial => "commercial", "商业企业";
        /// 科研机构 (法人或其他组织).
        Research => "research", "科研机构";
        /// 社会公益组织 (法人或其他组织).
        SocialWelfare => "social_welfare", "社会公益组织";
        /// 法律服务机构 (法人或其他组织).
        LegalService => "legal_service", "法律服务机构";
        /// 其他 (法人或其他组织).
        Other => "other", "其他";
        /// 总计.
        Total => "total", "总计";
    }
}

impl ApplicantColumn {
    /// The six applicant columns that add up to 总计.
    pub const PARTS: &'static [ApplicantColumn] = &[
        ApplicantColumn::NaturalPerson,
        ApplicantColumn::Commercial,
        ApplicantColumn::Research,
        ApplicantColumn::SocialWelfare,
        ApplicantColumn::LegalService,
        ApplicantColumn::Other,
    ];

    /// Whether the column sits under 法人或其他组织.
    pub const fn is_organisation(self) -> bool {
        matches!(
            self,
            ApplicantColumn::Commercial
                | ApplicantColumn::Research
                | ApplicantColumn::SocialWelfare
                | ApplicantColumn::LegalService
                | ApplicantColumn::Other
        )
    }

    /// The label with its group, as a message names the column: `法人或其他组织·商业企业`.
    pub fn full_label(self) -> String {
        if self.is_organisation() {
            format!("{ORGANISATIONS_HEADER}·{}", self.label())
        } else {
            self.label().to_owned()
        }
    }
}

catalogue_enum! {
    /// A data row of section 三, both editions.
    ApplicationRow {
        /// 一、本年新收政府信息公开申请数量.
        Received => "received", "一、本年新收政府信息公开申请数量";
        /// 二、上年结转政府信息公开申请数量.
        CarriedOver => "carried_over", "二、上年结转政府信息公开申请数量";
        /// （一）予以公开.
        Granted => "granted", "（一）予以公开";
        /// （二）部分公开.
        PartiallyGranted => "partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
        /// （三）1.属于国家秘密.
        WithheldStateSecret => "withheld.state_secret", "1.属于国家秘密";
        /// （三）2.其他法律行政法规禁止公开.
        WithheldProhibitedByLaw => "withheld.prohibited_by_law", "2.其他法律行政法规禁止公开";
        /// （三）3.危及“三安全一稳定”.
        WithheldSecurityStability => "withheld.security_stability", "3.危及“三安全一稳定”";
        /// （三）4.保护第三方合法权益.
        WithheldThirdPartyRights => "withheld.third_party_rights", "4.保护第三方合法权益";
        /// （三）5.属于三类内部事务信息.
        WithheldInternalAffairs => "withheld.internal_affairs", "5.属于三类内部事务信息";
        /// （三）6.属于四类过程性信息.
        WithheldProcessInformation => "withheld.process_information", "6.属于四类过程性信息";
        /// （三）7.属于行政执法案卷.
        WithheldEnforcementFiles => "withheld.enforcement_files", "7.属于行政执法案卷";
        /// （三）8.属于行政查询事项.
        WithheldQueryMatters => "withheld.query_matters", "8.属于行政查询事项";
        /// （四）1.本机关不掌握相关政府信息.
        UnavailableNotHeld => "unavailable.not_held", "1.本机关不掌握相关政府信息";
        /// （四）2.没有现成信息需要另行制作.
        UnavailableNeedsCreation => "unavailable.needs_creation", "2.没有现成信息需要另行制作";
        /// （四）3.补正后申请内容仍不明确.
        UnavailableUnclear => "unavailable.unclear", "3.补正后申请内容仍不明确";
        /// （五）1.信访举报投诉类申请.
        NotProcessedComplaint => "not_processed.complaint", "1.信访举报投诉类申请";
        /// （五）2.重复申请.
        NotProcessedDuplicate => "not_processed.duplicate", "2.重复申请";
        /// （五）3.要求提供公开出版物.
        NotProcessedPublication => "not_processed.publication", "3.要求提供公开出版物";
        /// （五）4.无正当理由大量反复申请.
        NotProcessedExcessive => "not_processed.excessive", "4.无正当理由大量反复申请";
        /// （五）5.要求行政机关确认或重新出具已获取信息.
        NotProcessedConfirmation => "not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息";
        /// （六）其他处理 as one row: the 2019 edition's row.
        Other => "other", "（六）其他处理";
        /// （六）1.申请人无正当理由逾期不补正… (2021).
        OtherOverdueCorrection => "other.overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
        /// （六）2.申请人逾期未按收费通知要求缴纳费用… (2021).
        OtherUnpaidFee => "other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
        /// （六）3.其他 (2021).
        OtherOther => "other.other", "3.其他";
        /// （七）总计.
        Total => "total", "（七）总计";
        /// 四、结转下年度继续办理.
        CarriedForward => "carried_forward", "四、结转下年度继续办理";
    }
}

/// A group of outcome rows under one heading of section 三 (（三）不予公开 and the like).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutcomeGroup {
    /// （三）不予公开.
    Withheld,
    /// （四）无法提供.
    Unavailable,
    /// （五）不予处理.
    NotProcessed,
    /// （六）其他处理, as a header over three rows (2021 edition).
    OtherHandling,
}

impl OutcomeGroup {
    /// The heading of the group, as printed.
    pub const fn label(self) -> &'static str {
        match self {
            OutcomeGroup::Withheld => "（三）不予公开",
            OutcomeGroup::Unavailable => "（四）无法提供",
            OutcomeGroup::NotProcessed => "（五）不予处理",
            OutcomeGroup::OtherHandling => "（六）其他处理",
        }
    }
}

impl ApplicationRow {
    /// The heading the row sits under, if any.
    pub const fn group(self) -> Option<OutcomeGroup> {
        use ApplicationRow as R;
        match self {
            R::WithheldStateSecret
            | R::WithheldProhibitedByLaw
            | R::WithheldSecurityStability
            | R::WithheldThirdPartyRights
            | R::WithheldInternalAffairs
            | R::WithheldProcessInformation
            | R::WithheldEnforcementFiles
            | R::WithheldQueryMatters => Some(OutcomeGroup::Withheld),
            R::UnavailableNotHeld | R::UnavailableNeedsCreation | R::UnavailableUnclear => {
                Some(OutcomeGroup::Unavailable)
            }
            R::NotProcessedComplaint
            | R::NotProcessedDuplicate
            | R::NotProcessedPublication
            | R::NotProcessedExcessive
            | R::NotProcessedConfirmation => Some(OutcomeGroup::NotProcessed),
            R::OtherOverdueCorrection | R::OtherUnpaidFee | R::OtherOther => {
                Some(OutcomeGroup::OtherHandling)
            }
            _ => None,
        }
    }

    /// Whether the row is one of the outcomes under 三、本年度办理结果 that add up to （七）总计.
    pub const fn is_outcome(self) -> bool {
        !matches!(
            self,
            ApplicationRow::Received
                | ApplicationRow::CarriedOver
                | ApplicationRow::Total
                | ApplicationRow::CarriedForward
        )
    }

    /// The label with its heading, as a message names the row: `（三）不予公开 1.属于国家秘密`.
    pub fn full_label(self) -> String {
        match self.group() {
            Some(g) => format!("{} {}", g.label(), self.label()),
            None => self.label().to_owned(),
        }
    }

    /// Whether `edition` has this row.
    pub fn in_edition(self, edition: Edition) -> bool {
        application_rows(edition).contains(&self)
    }
}

const APPLICATION_ROWS_2019: &[ApplicationRow] = &{
    use ApplicationRow as R;
    [
        R::Received,
        R::CarriedOver,
        R::Granted,
        R::PartiallyGranted,
        R::WithheldStateSecret,
        R::WithheldProhibitedByLaw,
        R::WithheldSecurityStability,
        R::WithheldThirdPartyRights,
        R::WithheldInternalAffairs,
        R::WithheldProcessInformation,
        R::WithheldEnforcementFiles,
        R::WithheldQueryMatters,
        R::UnavailableNotHeld,
        R::UnavailableNeedsCreation,
        R::UnavailableUnclear,
        R::NotProcessedComplaint,
        R::NotProcessedDuplicate,
        R::NotProcessedPublication,
        R::NotProcessedExcessive,
        R::NotProcessedConfirmation,
        R::Other,
        R::Total,
        R::CarriedForward,
    ]
};

const APPLICATION_ROWS_2021: &[ApplicationRow] = &{
    use ApplicationRow as R;
    [
        R::Received,
        R::CarriedOver,
        R::Granted,
        R::PartiallyGranted,
        R::WithheldStateSecret,
        R::WithheldProhibitedByLaw,
        R::WithheldSecurityStability,
        R::WithheldThirdPartyRights,
        R::WithheldInternalAffairs,
        R::WithheldProcessInformation,
        R::WithheldEnforcementFiles,
        R::WithheldQueryMatters,
        R::UnavailableNotHeld,
        R::UnavailableNeedsCreation,
        R::UnavailableUnclear,
        R::NotProcessedComplaint,
        R::NotProcessedDuplicate,
        R::NotProcessedPublication,
        R::NotProcessedExcessive,
        R::NotProcessedConfirmation,
        R::OtherOverdueCorrection,
        R::OtherUnpaidFee,
        R::OtherOther,
        R::Total,
        R::CarriedForward,
    ]
};

/// The data rows of section 三 in `edition`, in order (23 in 2019, 25 in 2021).
pub const fn application_rows(edition: Edition) -> &'static [ApplicationRow] {
    match edition {
        Edition::E2019 => APPLICATION_ROWS_2019,
        Edition::E2021 => APPLICATION_ROWS_2021,
    }
}

// ---------------------------------------------------------------------------------------------
// Section 四
// ---------------------------------------------------------------------------------------------

/// The header over the two litigation blocks of section 四.
pub const LITIGATION_HEADER: &str = "行政诉讼";

catalogue_enum! {
    /// A block of section 四 (stored as a row of five cells).
    AppealRow {
        /// 行政复议.
        Review => "review", "行政复议";
        /// 行政诉讼 · 未经复议直接起诉.
        LitigationDirect => "litigation_direct", "未经复议直接起诉";
        /// 行政诉讼 · 复议后起诉.
        LitigationAfterReview => "litigation_after_review", "复议后起诉";
    }
}

impl AppealRow {
    /// The label with its heading, as a message names the block: `行政诉讼·复议后起诉`.
    pub fn full_label(self) -> String {
        match self {
            AppealRow::Review => self.label().to_owned(),
            _ => format!("{LITIGATION_HEADER}·{}", self.label()),
        }
    }
}

catalogue_enum! {
    /// A column of each block of section 四.
    AppealColumn {
        /// 结果维持.
        Upheld => "upheld", "结果维持";
        /// 结果纠正.
        Corrected => "corrected", "结果纠正";
        /// 其他结果.
        Other => "other", "其他结果";
        /// 尚未审结.
        Pending => "pending", "尚未审结";
        /// 总计.
        Total => "total", "总计";
    }
}

impl AppealColumn {
    /// The four columns that add up to 总计.
    pub const PARTS: &'static [AppealColumn] = &[
        AppealColumn::Upheld,
        AppealColumn::Corrected,
        AppealColumn::Other,
        AppealColumn::Pending,
    ];
}

// ---------------------------------------------------------------------------------------------
// Report rows of the cells table
// ---------------------------------------------------------------------------------------------

catalogue_enum! {
    /// A `report` row of the cells table: the report's identity and its prose.
    ReportField {
        /// The issuing body.
        Issuer => "issuer", "发布机关";
        /// The year reported on.
        Year => "year", "报告年度";
        /// The edition of the format.
        Edition => "edition", "格式版本";
        /// The publication date (ISO 8601).
        Published => "published", "发布日期";
        /// The kind of issuer (`department` or `government`).
        Kind => "kind", "机关类型";
        /// Section 一, 总体情况.
        Overview => "overview", "一、总体情况";
        /// Section 五, 存在的主要问题及改进情况.
        Problems => "problems", "五、存在的主要问题及改进情况";
        /// Section 六, 其他需要报告的事项.
        Other => "other", "六、其他需要报告的事项";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // FORMAT.md, section 三: "2019: 23 data rows × 7 columns; 2021: 25 × 7".
    #[test]
    fn application_row_counts_match_the_format() {
        assert_eq!(application_rows(Edition::E2019).len(), 23);
        assert_eq!(application_rows(Edition::E2021).len(), 25);
        assert_eq!(ApplicantColumn::ALL.len(), 7);
    }

    #[test]
    fn ordinal_is_the_position_in_all() {
        for (i, r) in ApplicationRow::ALL.iter().enumerate() {
            assert_eq!(r.ordinal(), i);
        }
        for (i, c) in ApplicantColumn::ALL.iter().enumerate() {
            assert_eq!(c.ordinal(), i);
        }
        for (i, c) in AppealColumn::ALL.iter().enumerate() {
            assert_eq!(c.ordinal(), i);
        }
    }

    #[test]
    fn keys_round_trip_and_are_unique() {
        for &r in ApplicationRow::ALL {
            assert_eq!(ApplicationRow::from_key(r.key()), Some(r));
        }
        for &c in ProactiveColumn::ALL {
            assert_eq!(ProactiveColumn::from_key(c.key()), Some(c));
        }
        let mut keys: Vec<_> = ApplicationRow::ALL.iter().map(|r| r.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ApplicationRow::ALL.len());
    }

    // FORMAT.md, section 二: the 2019 edition has 22 cells, the 2021 edition 10.
    #[test]
    fn proactive_cell_counts_match_the_format() {
        assert_eq!(proactive_cells(Edition::E2019).count(), 22);
        assert_eq!(proactive_cells(Edition::E2021).count(), 10);
        assert_eq!(
            proactive_columns(Edition::E2021, ProactiveRow::Procurement),
            &[]
        );
    }

    #[test]
    fn edition_labels_differ_where_the_format_does() {
        assert_eq!(
            ProactiveRow::NormativeDocuments.label_in(Edition::E2019),
            "规范性文件"
        );
        assert_eq!(
            ProactiveRow::NormativeDocuments.label_in(Edition::E2021),
            "行政规范性文件"
        );
        assert_eq!(
            ProactiveColumn::Amount.label_in(Edition::E2019),
            "采购总金额"
        );
    }
}
