//! Every fixed label of the programme of stay, in the five languages, in one table.
//!
//! Columns: Russian, English, Chinese (simplified), Japanese, Korean. The Chinese, Japanese
//! and Korean labels are plain, common wording; no native speaker has reviewed them (see
//! README, «Языки программы»). Dates stay `dd.mm.yyyy` in every language.

use crate::model::Language;

/// A fixed label of the programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// The document's title.
    Title,
    /// Header: the visit.
    Delegation,
    /// Header: the partner city.
    PartnerCity,
    /// Header: the dates of the stay.
    Dates,
    /// Header: the head of the delegation.
    Head,
    /// Column: time.
    Time,
    /// Column: the activity.
    Activity,
    /// Column: the place.
    Place,
    /// Column: the staff member responsible.
    Responsible,
    /// Column: the interpreter.
    Interpreter,
    /// Column: transport.
    Transport,
    /// A day with no item.
    FreeTime,
    /// Footer: the department's contact for the visit.
    Contact,
    /// No head of delegation appointed.
    NotAppointed,
    /// The time-zone note: times are local.
    LocalTimes,
    /// The mark's explanation: a text without a translation, printed as entered.
    Untranslated,
}

/// The table: one row per [`Label`], in the order of [`Language::ALL`].
const TABLE: [(Label, [&str; 5]); 16] = [
    (
        Label::Title,
        ["Программа пребывания делегации", "Programme of stay", "代表团访问日程", "代表団訪問日程", "대표단 방문 일정"],
    ),
    (Label::Delegation, ["Делегация", "Delegation", "代表团", "代表団", "대표단"]),
    (Label::PartnerCity, ["Город-партнёр", "Partner city", "合作城市", "パートナー都市", "파트너 도시"]),
    (Label::Dates, ["Даты", "Dates", "访问日期", "期間", "기간"]),
    (Label::Head, ["Руководитель делегации", "Head of delegation", "代表团团长", "団長", "단장"]),
    (Label::Time, ["Время", "Time", "时间", "時間", "시간"]),
    (Label::Activity, ["Мероприятие", "Activity", "活动", "内容", "내용"]),
    (Label::Place, ["Место", "Place", "地点", "場所", "장소"]),
    (Label::Responsible, ["Ответственный", "Responsible", "负责人", "担当者", "담당자"]),
    (Label::Interpreter, ["Переводчик", "Interpreter", "翻译", "通訳", "통역"]),
    (Label::Transport, ["Транспорт", "Transport", "交通", "交通手段", "교통편"]),
    (Label::FreeTime, ["Свободное время", "Free time", "自由活动", "自由時間", "자유 시간"]),
    (Label::Contact, ["Ответственный", "Contact", "联系人", "連絡先", "연락처"]),
    (Label::NotAppointed, ["не назначен", "not appointed", "未指定", "未定", "미정"]),
    (
        Label::LocalTimes,
        [
            "Время указано местное",
            "Times are local",
            "时间均为当地时间",
            "時刻は現地時間です",
            "시간은 현지 시각입니다",
        ],
    ),
    (
        Label::Untranslated,
        [
            "нет перевода, напечатан исходный текст",
            "no translation: the original text is printed",
            "无译文，保留原文",
            "翻訳なし（原文のまま）",
            "번역 없음(원문 그대로)",
        ],
    ),
];

/// Weekday names, Monday first, in the order of [`Language::ALL`].
const WEEKDAYS: [[&str; 7]; 5] = [
    ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"],
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
    ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"],
    ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"],
];

/// «Стр. N из M»: the words before the page number, between it and the count, and after.
const PAGES: [[&str; 3]; 5] = [
    ["Стр. ", " из ", ""],
    ["Page ", " of ", ""],
    ["第 ", " 页，共 ", " 页"],
    ["", " / ", " ページ"],
    ["", " / ", " 페이지"],
];

fn column(lang: Language) -> usize {
    match lang {
        Language::Ru => 0,
        Language::En => 1,
        Language::Zh => 2,
        Language::Ja => 3,
        Language::Ko => 4,
    }
}

/// `label` in `lang`.
pub fn label(label: Label, lang: Language) -> &'static str {
    TABLE.iter().find(|(l, _)| *l == label).map_or("", |(_, texts)| texts[column(lang)])
}

/// The weekday's name in `lang`; `monday_based` is 0 for Monday (modulo 7).
pub fn weekday(monday_based: usize, lang: Language) -> &'static str {
    WEEKDAYS[column(lang)][monday_based % 7]
}

/// The words around the page number and count in `lang` (see [`PAGES`]).
pub fn page_words(lang: Language) -> [&'static str; 3] {
    PAGES[column(lang)]
}

/// Every fixed text of the programme in every language, for the font-coverage test.
pub fn all_texts() -> impl Iterator<Item = &'static str> {
    TABLE
        .iter()
        .flat_map(|(_, t)| t.iter().copied())
        .chain(WEEKDAYS.iter().flat_map(|w| w.iter().copied()))
        .chain(PAGES.iter().flat_map(|p| p.iter().copied()))
        .chain(Language::ALL.iter().map(|l| l.endonym()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_exists_in_every_language_once() {
        for (i, (l, texts)) in TABLE.iter().enumerate() {
            assert!(TABLE.iter().skip(i + 1).all(|(m, _)| m != l), "{l:?} twice");
            assert!(texts.iter().all(|t| !t.trim().is_empty()), "{l:?} has a blank");
        }
        assert_eq!(label(Label::Title, Language::Ru), "Программа пребывания делегации");
        assert_eq!(label(Label::FreeTime, Language::Zh), "自由活动");
        assert_eq!(weekday(0, Language::Ja), "月曜日");
        assert_eq!(weekday(6, Language::Ko), "일요일");
        assert_eq!(page_words(Language::Ru), ["Стр. ", " из ", ""]);
    }
}
