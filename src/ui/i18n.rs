//! Every UI string, in Russian and English, through one typed table.
//!
//! The `texts!` macro takes each key with both translations side by side, so a key cannot
//! exist in one language only: English is complete by construction, and a missing string
//! is a compile error rather than a blank at run time. Strings with numbers are functions
//! below, next to Russian plural rules and number formatting.

use crate::model::{CityStatus, DelegationKind, Direction, EventCategory, Lang, Role};
use chrono::NaiveDate;

macro_rules! texts {
    ($($key:ident: $ru:literal, $en:literal;)*) => {
        /// The UI strings of one language.
        #[allow(missing_docs)]
        pub struct Texts { $(pub $key: &'static str,)* }
        /// Russian, the default.
        pub const RU: Texts = Texts { $($key: $ru,)* };
        /// English.
        pub const EN: Texts = Texts { $($key: $en,)* };
    };
}

texts! {
    app_name: "Побратим", "Pobratim";
    nav_overview: "Обзор", "Overview";
    nav_cities: "Города", "Cities";
    nav_calendar: "Календарь", "Calendar";
    nav_delegations: "Делегации", "Delegations";
    nav_people: "Люди", "People";
    nav_tourism: "Туризм и отчёты", "Tourism & reports";
    ov_for: "Обзор на", "Overview for";
    ov_days: "Визиты на ближайшие", "Visits in the next";
    ov_days_unit: " дн.", " days";
    ov_visits: "Визиты впереди", "Visits ahead";
    ov_under_way: "идёт", "under way";
    ov_ready: "готовность", "ready";
    ov_all_set: "всё на месте", "nothing missing";
    ov_more: "ещё", "more";
    ov_tasks: "Просрочено и на этой неделе", "Overdue and due this week";
    ov_overdue: "просрочено", "overdue";
    ov_due: "срок", "due";
    ov_anniversaries: "Годовщины побратимства (12 месяцев)", "Twinning anniversaries (12 months)";
    ov_quiet: "Партнёры без обменов", "Partners gone quiet";
    ov_stale: "Устаревшие записи", "Stale records";
    ov_today: "Сегодня и завтра", "Today and tomorrow";
    ov_today_word: "Сегодня", "Today";
    ov_tomorrow_word: "Завтра", "Tomorrow";
    ov_none: "нет", "none";
    ov_open_at: "Открыть визит на этом месте", "Open the visit at this place";
    ov_reminder: "Напоминание", "Reminder";
    ov_dismiss: "Скрыть напоминание до завтра", "Hide the reminder until tomorrow";
    ov_hide: "Скрыть", "Hide";
    undo: "Отменить", "Undo";
    redo: "Повторить", "Redo";
    saved: "Сохранено", "Saved";
    unsaved: "Не сохранено", "Unsaved";
    saving: "Сохранение…", "Saving…";
    save_error: "Ошибка сохранения", "Save failed";
    save_error_kept: "изменения сохранены в памяти, повтор через несколько секунд", "changes are kept in memory; retrying in a few seconds";
    colleagues_here: "В папке работают", "Also in this folder";
    since_word: "с", "since";
    conflicts: "Конфликты", "Conflicts";
    conflicts_hint: "Вы и коллега изменили одно и то же по-разному. В файле сейчас значение коллеги; выберите, какое оставить.", "You and a colleague changed the same thing differently. The file now has the colleague's value; choose which to keep.";
    conflict_saved_by: "Ваше значение сохранил", "Your value was saved by";
    conflict_theirs: "В файле (коллега)", "In the file (colleague)";
    conflict_mine: "Моё", "Mine";
    keep_theirs: "Оставить их", "Keep theirs";
    take_mine: "Взять моё", "Take mine";
    conflict_delete: "Удалить", "Delete";
    conflict_restore: "Восстановить", "Restore";
    conflict_deleted: "(удалено)", "(deleted)";
    conflict_whole_record: "вся запись", "the whole record";
    undo_refused_colleague: "Отменить нельзя: коллега уже изменил эту запись после вас", "Cannot undo: a colleague has changed this record since";
    changes_from: "Изменения от", "Changes by";
    colleague_editing: "правит", "editing";
    open_elsewhere: "Сейчас открыто в форме у коллеги", "A colleague has this open in a form";
    open_elsewhere_hint: "Ничего не заблокировано: правьте и вы. Правки объединятся при сохранении; если вы оба измените одно поле, расхождение попадёт в «Конфликты».", "Nothing is locked: edit it too. The edits merge on save; if you both change one field, the difference goes to «Conflicts».";
    purge_progress: "Удаляются персональные данные, человек", "Removing personal data, people";
    purge_running: "Идёт удаление персональных данных этих людей: изменить их можно, когда оно закончится", "Personal data of these people is being removed: they can be edited once it ends";
    purge_not_finished: "удаление персональных данных не закончено: сохранение не удалось, резервные копии ещё хранят их", "the personal data removal did not finish: the save failed, the backups still hold the data";
    form_changed_underneath: "запись, открытую в форме, изменил коллега", "a colleague changed the record open in the form";
    form_reload: "Обновить", "Reload";
    form_reload_hint: "Открыть форму заново на записи коллеги; набранное в форме пропадёт", "Open the form again on the colleague's version; what you typed is dropped";
    form_continue: "Продолжить", "Continue";
    form_continue_hint: "Продолжить правку; при сохранении ваши правки объединятся с изменениями коллеги", "Keep editing; on applying, your changes are merged with the colleague's";
    form_merged: "Ваши правки объединены с изменениями коллеги", "Your changes were merged with the colleague's";
    form_merged_conflicts: "Ваши правки объединены с изменениями коллеги; расхождения — в «Конфликтах»", "Your changes were merged with the colleague's; the differences are in «Conflicts»";
    colleagues_word: "коллег", "colleagues";
    and_more: "и ещё", "+";
    conflicts_found: "Коллега изменил те же поля; в файле оставлены его значения, ваши — в списке конфликтов", "A colleague changed the same fields; the file keeps theirs, yours are in the conflicts list";
    data_folder: "Папка данных", "Data folder";
    open_data_folder: "Открыть папку данных…", "Open a data folder…";
    folder_problem: "Папка данных не открывается", "The data folder does not open";
    folder_problem_hint: "Подключите сетевой диск и нажмите «Повторить» или откройте другую папку. Если папку задаёт ИТ-служба, сообщите ей.", "Connect the network drive and press «Try again», or open another folder. If IT sets the folder, tell them.";
    try_again: "Повторить", "Try again";
    quit: "Выйти", "Quit";
    folder_opened: "Открыта папка данных", "Data folder opened";
    folder_already_open: "Эта папка данных уже открыта", "This data folder is already open";
    folder_new: "Папка была пуста: в ней начаты новые данные", "The folder was empty: new data starts in it";
    folder_not_opened: "Папка данных не открыта", "The data folder was not opened";
    folder_not_remembered: "Папка открыта, но не запомнена для следующего запуска", "The folder is open but not remembered for the next start";
    language: "Язык", "Language";
    view_menu: "Вид", "View";
    help: "Справка", "Help";
    theme_word: "Оформление", "Theme";
    theme_light: "Светлое", "Light";
    theme_dark: "Тёмное", "Dark";
    theme_system: "Как в системе", "As the system";
    text_size: "Размер текста", "Text size";
    read_only: "Только чтение", "Read-only";
    locked_by: "папка открыта другим пользователем", "the folder is open elsewhere";
    load_failed: "не удалось прочитать файлы, изменения не сохраняются", "some files could not be read; changes are not saved";
    take_over: "Занять папку", "Take over the folder";
    stale_lock: "программа владельца на этом компьютере не запущена — папку можно занять", "the holder's program no longer runs on this computer; you can take the folder over";
    errors: "Ошибки", "Errors";
    warnings: "Предупреждения", "Warnings";
    infos: "Сведения", "Info";
    findings: "Замечания", "Findings";
    close: "Закрыть", "Close";
    search: "Поиск", "Search";
    search_hint: "Поиск (Ctrl+F): города, люди, события, делегации", "Search (Ctrl+F): cities, people, events, delegations";
    search_nothing: "Ничего не найдено", "Nothing found";
    kind_city: "город", "city";
    kind_person: "человек", "person";
    kind_event: "событие", "event";
    kind_delegation: "делегация", "delegation";
    all: "Все", "All";
    status_home: "Свой город", "Home city";
    status_sister: "Побратим", "Sister city";
    status_friendly: "Дружественный", "Friendly";
    status_prospective: "Перспективный", "Prospective";
    filter_status: "Статус", "Status";
    filter_country: "Страна", "Country";
    filter_text: "Фильтр", "Filter";
    sort_by: "Сортировка", "Sort by";
    sort_name: "по названию", "by name";
    sort_country: "по стране", "by country";
    sort_since: "по дате", "by date";
    new_city: "Новый город", "New city";
    new_person: "Новый человек", "New person";
    edit: "Изменить", "Edit";
    delete: "Удалить", "Delete";
    apply: "Применить", "Apply";
    cancel: "Отмена", "Cancel";
    remove: "Убрать", "Remove";
    no_selection: "Выберите запись в списке слева.", "Select a record in the list on the left.";
    f_id: "Идентификатор", "Id";
    f_name_ru: "Название (рус.)", "Name (Russian)";
    f_name_en: "Название (англ.)", "Name (English)";
    f_name_native: "Название (местное)", "Name (native)";
    f_country_ru: "Страна (рус.)", "Country (Russian)";
    f_country_en: "Страна (англ.)", "Country (English)";
    f_region: "Регион", "Region";
    f_status: "Статус", "Status";
    f_since: "С какого времени", "Since";
    f_time_zone: "Часовой пояс", "Time zone";
    f_lat: "Широта", "Latitude";
    f_lon: "Долгота", "Longitude";
    f_population: "Население", "Population";
    f_notes: "Заметки", "Notes";
    f_title: "Название", "Title";
    f_signed: "Подписано", "Signed";
    f_parties: "Стороны", "Parties";
    f_expires: "Действует до", "Expires";
    f_renewal: "Продление", "Renewal";
    f_note: "Примечание", "Note";
    f_contact_name: "Имя", "Name";
    f_position: "Должность", "Position";
    f_organisation: "Организация", "Organisation";
    f_email: "Эл. почта", "E-mail";
    f_phone: "Телефон", "Phone";
    f_languages: "Языки", "Languages";
    f_guest_languages: "Языки гостей", "Guests' languages";
    f_full_name_ru: "ФИО (рус.)", "Full name (Russian)";
    f_latin_name: "Имя латиницей (как в паспорте)", "Name in Latin letters (as in passport)";
    f_native_name: "Имя (иероглифы, хангыль)", "Name (native script)";
    f_birth_date: "Дата рождения", "Date of birth";
    f_passport_number: "Номер паспорта", "Passport number";
    f_passport_expires: "Паспорт действует до", "Passport valid until";
    f_dietary: "Питание", "Dietary needs";
    agreements: "Соглашения", "Agreements";
    contacts: "Контакты", "Contacts";
    add_agreement: "Добавить соглашение", "Add agreement";
    add_contact: "Добавить контакт", "Add contact";
    local_time: "местное время", "local time";
    home_time: "Хабаровск", "Khabarovsk";
    history: "История обменов", "Exchange history";
    no_history: "Обменов пока нет.", "No exchanges yet.";
    map: "Карта", "Map";
    cannot_delete: "Удаление невозможно", "Cannot delete";
    cannot_delete_city: "На этот город ссылаются записи. Сначала измените или удалите их:", "Records refer to this city. Change or delete them first:";
    cannot_delete_person: "Этот человек указан в делегациях. Сначала уберите его оттуда:", "This person appears in delegations. Remove them there first:";
    confirm_delete: "Удалить запись? Это можно отменить (Ctrl+Z).", "Delete the record? You can undo it (Ctrl+Z).";
    err_required: "обязательное поле", "required";
    err_date: "дата в виде дд.мм.гггг", "a date as dd.mm.yyyy";
    date_hint: "дд.мм.гггг", "dd.mm.yyyy";
    err_partial_date: "гггг, мм.гггг или дд.мм.гггг", "yyyy, mm.yyyy or dd.mm.yyyy";
    err_tz: "часовой пояс IANA, например Asia/Tokyo", "an IANA time zone, e.g. Asia/Tokyo";
    err_number: "целое число", "a whole number";
    err_lat: "число от −90 до 90", "a number from −90 to 90";
    err_lon: "число от −180 до 180", "a number from −180 to 180";
    err_id: "латинские строчные буквы, цифры и «-»", "lowercase Latin letters, digits and '-'";
    err_id_taken: "такой идентификатор уже есть", "this id is taken";
    search_people: "Поиск по имени, организации", "Search by name, organisation";
    show: "Показать", "Show";
    hide: "Скрыть", "Hide";
    passport: "Паспорт", "Passport";
    no_passport: "нет данных", "not recorded";
    minor: "несовершеннолетний", "minor";
    birth_hidden: "скрыта", "hidden";
    person_delegations: "Делегации", "Delegations";
    no_delegations: "Не входит ни в одну делегацию.", "Not in any delegation.";
    incoming: "приём", "incoming";
    outgoing: "выезд", "outgoing";
    events_word: "события", "events";
    retention_button: "Срок хранения…", "Retention…";
    retention_title: "Удаление персональных данных по сроку хранения", "Purging personal data after the retention period";
    retention_years: "Хранить после последнего визита, лет:", "Keep after the last visit, years:";
    retention_explain: "У этих людей все визиты закончились раньше срока. Будут удалены паспорт, дата рождения, телефон и e-mail; имя, организация и участие в делегациях останутся. Копии .bak и кэш будут перезаписаны, запись попадёт в журнал. Отменить удаление нельзя.", "Every visit of these people ended before the period. Their passport, date of birth, phone and e-mail will be deleted; name, organisation and part in delegations stay. The .bak copies and the cache are overwritten, and the log records it. This cannot be undone.";
    retention_none: "Нет персональных данных с истёкшим сроком хранения.", "No personal data is past its retention period.";
    retention_confirm: "Удалить персональные данные", "Delete personal data";
    retention_done: "Персональные данные удалены", "Personal data deleted";
    last_visit: "Последний визит до", "Last visit ended";
    to_delete: "Будет удалено", "To delete";
    log_button: "Журнал персональных данных", "Personal data log";
    log_empty: "Записей нет.", "No entries.";
    col_time: "Время", "Time";
    col_user: "Пользователь", "User";
    col_action: "Действие", "Action";
    col_object: "Объект", "Object";
    col_details: "Подробности", "Details";
    personal_data_note: "Персональные данные: показываются только по явному запросу.", "Personal data: shown only on a deliberate click.";
    command_failed: "Действие не выполнено", "Action not done";
    cities_count: "Городов", "Cities";
    view_month: "Месяц", "Month";
    view_week: "Неделя", "Week";
    view_agenda: "Список", "Agenda";
    view_year: "Год", "Year";
    today: "Сегодня", "Today";
    prev: "‹ Назад", "‹ Back";
    next: "Вперёд ›", "Forward ›";
    new_event: "+ Событие", "+ Event";
    export_ics: "Экспорт iCalendar", "Export iCalendar";
    import_ics: "Импорт iCalendar", "Import iCalendar";
    export_html: "Публичный календарь (HTML)", "Public calendar (HTML)";
    filter_category: "Направление", "Category";
    filter_city: "Город", "City";
    filter_direction: "Делегации", "Delegations";
    public_only: "Только публичные", "Public only";
    no_delegations_filter: "не показывать", "hide";
    more: "ещё", "more";
    conflict: "конфликт", "conflict";
    legend: "Обозначения", "Legend";
    stay_in: "приём делегации", "incoming stay";
    stay_out: "выезд делегации", "outgoing stay";
    f_title_ru: "Название (рус.)", "Title (Russian)";
    f_category: "Направление", "Category";
    f_start_date: "Начало (дата)", "Start date";
    f_end_date: "Окончание (дата)", "End date";
    f_start_time: "Начало (время)", "Start time";
    f_end_time: "Окончание (время)", "End time";
    f_venue: "Место", "Venue";
    f_host_city: "Принимающий город", "Host city";
    f_rrule: "Повторение", "Repeats";
    rule_none: "не повторяется", "does not repeat";
    rule_every: "каждые", "every";
    rule_same_day: "в тот же день", "on the same day";
    rule_month_day: "число", "day of month";
    rule_last_day: "последний день", "last day";
    rule_nth: "день недели", "weekday";
    rule_month: "месяц", "month";
    rule_ends: "Окончание повторов", "Ends";
    rule_never: "никогда", "never";
    rule_after: "после", "after";
    rule_times: "раз", "times";
    rule_until: "до даты", "on date";
    rule_verbatim: "Правило нельзя показать словами: оно сохраняется как есть и здесь не меняется.", "This rule cannot be shown in words: it is kept as it is and not changed here.";
    freq_daily: "день", "day";
    freq_weekly: "неделю", "week";
    freq_monthly: "месяц", "month";
    freq_yearly: "год", "year";
    add_date: "Добавить дату", "Add a date";
    add_city: "Добавить город", "Add a city";
    move_up: "Выше", "Move up";
    move_down: "Ниже", "Move down";
    remove_item: "Убрать", "Remove";
    pick_date: "Выбрать дату", "Pick a date";
    goto_date: "Перейти к дате", "Go to date";
    goto_hint: "дд.мм.гггг, мм.гггг или гггг", "dd.mm.yyyy, mm.yyyy or yyyy";
    goto_do: "Перейти", "Go";
    goto_placeholder: "дд.мм.гггг", "dd.mm.yyyy";
    goto_bad: "Дата не распознана: напишите дд.мм.гггг, мм.гггг или гггг", "Date not recognised: write dd.mm.yyyy, mm.yyyy or yyyy";
    next_visit: "Ближайшие", "Next visit";
    next_visit_hint: "Перейти к ближайшему запланированному визиту", "Go to the next planned visit";
    next_visit_none: "Запланированных визитов после сегодняшнего дня нет", "No visits are planned after today";
    next_visit_found: "Ближайший визит", "Next visit";
    day_list: "Все записи дня", "Everything on the day";
    open_visit: "Открыть визит", "Open the visit";
    open_event: "Открыть событие", "Open the event";
    dir_in: "приём", "incoming";
    dir_out: "выезд", "outgoing";
    occurrence_of: "Событие серии", "Occurrence of the series";
    occurrence_changed: "изменено отдельно", "changed on its own";
    only_this_title: "Изменить повторяющееся событие", "Change a repeating event";
    only_this_question: "Изменить только это событие или все события серии?", "Change only this occurrence, or every occurrence of the series?";
    only_this: "Только это", "Only this one";
    all_of_them: "Все", "All of them";
    only_this_blocked: "Повторение, исключения, хозяева, направление и часовой пояс меняются только для всей серии", "The repetition, exceptions, hosts, category and time zone change for the whole series only";
    delete_which: "Удалить только это событие или всю серию?", "Delete only this occurrence, or the whole series?";
    delete_only_this: "Только это событие", "Only this occurrence";
    delete_series: "Всю серию", "The whole series";
    reset_occurrence: "Вернуть как в серии", "Reset to the series";
    overrides_title: "Изменённые события серии", "Changed occurrences";
    override_orphan: "этого события больше нет в серии: правило или исключения изменились", "this occurrence is no longer in the series: the rule or the exceptions changed";
    open_occurrence: "Открыть", "Open";
    delete_override: "Удалить изменение", "Delete the change";
    tip_dates: "Даты", "Dates";
    tip_host: "Принимает", "Host";
    tip_direction: "Направление визита", "Direction";
    f_exdates: "Кроме дат", "Except on";
    f_rotation: "Очерёдность хозяев", "Host rotation";
    f_public: "В публичном календаре", "In the public calendar";
    f_participants: "Иностранных участников", "Foreign participants";
    f_description: "Заметки отдела (не публикуются)", "Department's notes (not published)";
    f_public_description_ru: "Описание для публикации", "Public description (Russian)";
    f_public_description: "Описание для публикации", "Public description";
    public_calendar_status: "Публичный календарь", "Public calendar";
    public_events_count: "событий", "events";
    public_target_of: "из плана", "of the planned";
    public_no_target: "план не задан (Туризм → цифры года)", "no target set (Tourism → the year's figures)";
    public_lacking: "без описания для публикации", "without a public description";
    export_public_ics: "Публичный календарь (ICS)", "Public calendar (ICS)";
    f_public_events_target: "Событий в публичном календаре (план)", "Events in the public calendar (target)";
    f_other_party: "Другая сторона (не город-партнёр)", "Other party (not a partner city)";
    no_partner_city: "— нет (другая сторона)", "— none (other party)";
    others_label: "другие", "others";
    err_no_counterpart: "выберите город-партнёр или назовите другую сторону", "choose a partner city or name the other party";
    none: "—", "—";
    err_time: "время чч:мм", "a time as hh:mm";
    err_end_before_start: "окончание раньше начала", "the end is before the start";
    err_unknown_city: "неизвестный город", "unknown city";
    err_rrule: "неверное правило", "invalid rule";
    new_event_title: "Новое событие", "New event";
    exported_to: "Записано", "Written";
    import_preview: "Импорт: проверка перед записью", "Import: review before writing";
    import_do: "Импортировать", "Import";
    import_new: "новых", "new";
    import_updated: "обновлено", "updated";
    import_unchanged: "без изменений", "unchanged";
    import_skipped: "пропущено", "skipped";
    import_nothing: "Нечего импортировать: все события уже есть.", "Nothing to import: every event is already here.";
    host_word: "принимает", "host";
    tab_overview: "Общее", "General";
    tab_roster: "Состав", "Roster";
    tab_programme: "Программа", "Programme";
    tab_checklist: "Чек-лист", "Checklist";
    tab_gifts: "Подарки", "Gifts";
    tab_findings: "Замечания", "Findings";
    reciprocity: "Взаимность по городам", "Reciprocity by city";
    received: "принято", "received";
    sent: "направлено", "sent";
    planned_visits: "запланировано", "planned";
    new_delegation: "+ Делегация", "+ Delegation";
    f_direction: "Направление", "Direction";
    f_partner_city: "Город-партнёр", "Partner city";
    f_kind: "Вид", "Kind";
    f_status_del: "Статус", "Status";
    f_purpose: "Цель визита", "Purpose";
    f_arrival_date: "Прибытие (дата)", "Arrival date";
    f_arrival_time: "Прибытие (время)", "Arrival time";
    f_arrival_transport: "Прибытие (рейс, поезд)", "Arrival (flight, train)";
    f_departure_date: "Отъезд (дата)", "Departure date";
    f_departure_time: "Отъезд (время)", "Departure time";
    f_departure_transport: "Отъезд (рейс, поезд)", "Departure (flight, train)";
    f_event: "Событие", "Event";
    f_responsible: "Ответственный", "Responsible";
    f_accommodation: "Размещение", "Accommodation";
    f_headcount: "Всего участников", "Participants in all";
    copy_to_year: "Копировать на дату", "Copy to date";
    copy: "Копировать", "Copy";
    col_no: "№", "No.";
    col_person: "Участник", "Member";
    col_role: "Роль", "Role";
    col_org: "Организация", "Organisation";
    col_visa: "Виза", "Visa";
    col_lodging: "Размещение", "Lodging";
    col_consent: "Согласие", "Consent";
    col_diet: "Питание", "Diet";
    col_langs: "Языки", "Languages";
    up: "Выше", "Up";
    down: "Ниже", "Down";
    f_staff: "Сотрудник отдела", "Department staff";
    f_interpreter_mark: "Переводчик (штатный или внештатный)", "Interpreter (staff or freelance)";
    marks: "Отметки", "Marks";
    member_card: "Участник делегации", "Delegation member";
    open_member: "Открыть карточку", "Open the card";
    remove_member: "Убрать из состава", "Remove from the roster";
    member_job_note: "Организация и должность — на время этого визита; карточка человека не меняется.", "Organisation and position are for this visit; the person's own record stays as it is.";
    person_note: "Питание и языки — общие для всех визитов этого человека.", "Diet and languages belong to the person and apply to every visit.";
    f_visa_status: "Виза", "Visa";
    f_visa_until: "Виза действует до", "Visa valid until";
    f_lodging_kind: "Размещение", "Lodging";
    lodging_unknown: "не определено", "not settled";
    lodging_hotel: "гостиница", "hotel";
    lodging_family: "принимающая семья", "host family";
    lodging_other: "другое", "other";
    f_hotel: "Гостиница", "Hotel";
    f_room: "Номер", "Room";
    f_family: "Семья и адрес", "Family and address";
    f_lodging_other: "Где живёт", "Where they stay";
    f_consent: "Согласие законного представителя получено", "Guardian's consent received";
    consent_adult: "совершеннолетний: согласие не нужно", "an adult: no consent needed";
    add_member: "Добавить в состав", "Add to roster";
    find_person: "Найти человека", "Find a person";
    add_new_person: "Новый участник", "New member";
    import_roster: "Импорт состава (CSV, XLSX)", "Import roster (CSV, XLSX)";
    export_csv: "Экспорт CSV", "Export CSV";
    export_xlsx: "Экспорт XLSX", "Export XLSX";
    empty_day: "нет программы на этот день", "no programme on this day";
    add_item: "+ Пункт", "+ Item";
    duplicate: "Дублировать", "Duplicate";
    copy_day: "Копировать день на следующий", "Copy the day to the next";
    day_back: "← День", "← Day";
    day_forward: "День →", "Day →";
    f_activity: "Мероприятие", "Activity";
    f_activity_ru: "Мероприятие (рус.)", "Activity (Russian)";
    f_place: "Место", "Place";
    f_interpreter: "Переводчик", "Interpreter";
    f_transport: "Транспорт", "Transport";
    f_date: "Дата", "Date";
    f_task: "Задача", "Task";
    f_due: "Срок", "Due";
    add_task: "+ Задача", "+ Task";
    add_defaults: "Добавить стандартные задачи", "Add the standard tasks";
    overdue: "просрочено", "overdue";
    f_gift: "Подарок", "Gift";
    f_recipient: "Кому", "Recipient";
    f_quantity: "Количество", "Quantity";
    add_gift: "+ Подарок", "+ Gift";
    no_findings: "Замечаний нет.", "No findings.";
    roster_preview: "Импорт состава: проверка", "Roster import: review";
    roster_columns: "Колонки файла", "The file's columns";
    roster_not_kept: "не загружается: такие данные отдел не хранит", "not imported: the department does not keep such data";
    roster_unknown: "не распознана — выберите поле", "not recognised — choose a field";
    roster_skip: "— не загружать", "— do not import";
    row_new: "новый", "new";
    row_matched: "найден", "matched";
    row_already: "уже в составе", "already a member";
    row_rejected: "отклонена", "rejected";
    row_word: "строка", "row";
    visa_not_required: "не нужна", "not required";
    visa_needed: "нужна", "needed";
    visa_applied: "подана", "applied";
    visa_issued: "выдана", "issued";
    visa_refused: "отказ", "refused";
    show_passports: "С номерами паспортов", "With passport numbers";
    print: "Печать", "Print";
    print_programme: "Печать программы", "Print the programme";
    print_roster: "Печать состава", "Print the roster";
    print_badges: "Печать бейджей и карточек", "Print badges and table cards";
    print_calendar: "Печать календаря года", "Print the year calendar";
    printing: "Готовится PDF…", "Making the PDF…";
    printed: "PDF сохранён", "PDF saved";
    print_lang: "Язык печати", "Print language";
    missing_title: "Не всё переведено", "Not everything is translated";
    print_anyway: "Печатать так", "Print anyway";
    translations: "переводы", "translations";
    yes: "да", "yes";
    no: "нет", "no";
    people_count: "Людей", "People";
    tab_charts: "Графики", "Charts";
    tab_figures: "Показатели", "Figures";
    tab_report: "Годовой отчёт", "Annual report";
    chart: "График", "Chart";
    year: "Год", "Year";
    save_png: "Сохранить PNG", "Save PNG";
    save_csv: "Сохранить CSV", "Save CSV";
    lock_recovered: "Блокировка после сбоя снята", "Lock left by a crash taken over";
    lock_recovered_hint: "Папку держал ваш же процесс на этом компьютере, который завершился (сбой, принудительное закрытие или выключение питания); папка открыта для записи", "The folder was held by your own process on this computer, which has ended (a crash, a kill or a power cut); the folder is open for writing";
    print_nobody: "В составе пока никого нет: добавьте участников на вкладке «Состав»", "Nobody is on the roster yet: add members on the «Roster» tab";
    png_not_captured: "Не удалось снять изображение графика", "Could not capture the chart";
    toast_open: "Открыть", "Open";
    toast_open_folder: "Открыть папку", "Open folder";
    toast_cannot_open: "Не удалось открыть", "Could not open";
    toast_failed: "Не получилось", "Failed";
    toast_imported: "Импортировано", "Imported";
    fd_home: "Домашняя папка", "Home";
    fd_documents: "Документы", "Documents";
    fd_up: "Вверх", "Up";
    fd_places: "Перейти:", "Go to:";
    fd_name: "Имя файла:", "File name:";
    fd_save: "Сохранить", "Save";
    fd_open: "Открыть", "Open";
    fd_choose_folder: "Выбрать эту папку", "Choose this folder";
    fd_this_folder: "Выбрана папка", "Chosen folder";
    fd_no_folders: "Вложенных папок нет", "No folders inside";
    fd_folder: "Папка", "Folder";
    fd_empty: "В папке нет подходящих файлов", "No matching files in this folder";
    fd_showing: "Показаны папки и файлы", "Showing folders and files";
    fd_no_name: "Введите имя файла", "Enter a file name";
    fd_bad_name: "Имя файла не может содержать / \\ : * ? \" < > |", "A file name cannot contain / \\ : * ? \" < > |";
    fd_choose_file: "Выберите файл в списке", "Choose a file in the list";
    fd_exists: "уже есть в этой папке. Заменить его?", "already exists in this folder. Replace it?";
    fd_replace: "Заменить", "Replace";
    fd_keep: "Не заменять", "Keep it";
    fd_is_folder: "Это папка: откройте её или введите другое имя", "That is a folder: open it or type another name";
    search_clear: "Очистить поиск (Esc)", "Clear the search (Esc)";
    search_results: "Найдено", "Found";
    save_pdf: "Сохранить PDF", "Save PDF";
    save_docx: "Сохранить DOCX", "Save DOCX";
    save_md: "Сохранить Markdown", "Save Markdown";
    f_tourists: "Иностранных туристов", "Foreign tourists";
    f_tourists_source: "Источник (туристы)", "Source (tourists)";
    f_received: "Принято делегаций (официально)", "Delegations received (official)";
    f_sent: "Направлено делегаций (официально)", "Delegations sent (official)";
    f_delegations_source: "Источник (делегации)", "Source (delegations)";
    f_country: "Страна", "Country";
    f_count: "Туристов", "Tourists";
    by_country: "Разбивка по странам", "Breakdown by country";
    by_month: "Разбивка по месяцам", "Breakdown by month";
    add_country: "Добавить страну", "Add a country";
    add_year: "Добавить год", "Add a year";
    delete_year: "Удалить год", "Delete the year";
    figures_for: "Показатели за", "Figures for";
    new_year_figures: "Новый год", "New year";
    no_figures: "Показатели не введены: нажмите «Добавить год».", "No figures yet: press “Add a year”.";
    breakdown_total: "Сумма разбивки", "Breakdown total";
    official_totals_hint: "Официальные итоги вводятся вручную; графики показывают их рядом с учтёнными делегациями.", "Official totals are entered by hand; the charts show them beside the recorded delegations.";
    road_take: "Взять с собой…", "Take on the trip…";
    road_take_hint_button: "Копия визита для ноутбука, который едет с делегацией и работает без сети", "A copy of the visit for a laptop that travels with the delegation and works offline";
    road_take_title: "Взять с собой в поездку", "Take on the trip";
    road_take_hint: "Копия — обычная папка данных: на ноутбуке её открывают кнопкой «Папка данных» в верхней строке и работают без сети. По возвращении её изменения вносят кнопкой «Вернуть из поездки…» в разделе «Делегации».", "The copy is an ordinary data folder: on the laptop open it with «Data folder» in the top bar and work offline. Back home, bring its changes in with «Bring back from the trip…» in «Delegations».";
    road_what: "Что взять", "What to take";
    road_these_visits: "Отмеченные визиты, их участников, мероприятия и все города", "The visits ticked, their people, events and all cities";
    road_whole_folder: "Всю папку данных", "The whole data folder";
    road_no_visits: "Нет визитов, которые ещё не закончились", "No visit that has not ended yet";
    road_folder: "Папка копии", "Folder of the copy";
    road_choose_folder: "Выбрать папку…", "Choose a folder…";
    road_no_folder: "не выбрана", "not chosen";
    road_folder_hint: "Например, флешка. Если в папке уже что-то есть, копия ляжет во вложенную папку «Побратим — копия для поездки».", "A USB stick, for instance. If the folder holds anything already, the copy goes into a new folder «Pobratim — copy for the trip» inside it.";
    road_copy_name: "Побратим — копия для поездки", "Pobratim — copy for the trip";
    road_without_passports: "Без паспортов", "Without passports";
    road_log_note: "Вывоз персональных данных записывается в журнал персональных данных.", "Taking personal data off-site is written to the personal-data log.";
    road_write: "Записать копию", "Write the copy";
    road_written: "Копия для поездки записана", "The copy for the trip is written";
    road_not_written: "Копия для поездки не записана", "The copy for the trip was not written";
    road_visits_count: "визитов:", "visits:";
    road_people_count: "людей:", "people:";
    road_records_count: "вносится записей:", "records brought in:";
    road_changed_count: "изменено в поездке:", "changed on the trip:";
    road_clashes_count: "конфликтов:", "conflicts:";
    road_passports_taken: "паспорта взяты", "passports taken";
    road_passports_left: "паспорта не взяты", "passports left out";
    road_return: "Вернуть из поездки…", "Bring back from the trip…";
    road_return_hint: "Внести изменения из копии, которая ездила с делегацией", "Bring in the changes from a copy that travelled with a delegation";
    road_return_ask: "Папка копии, вернувшейся из поездки", "The folder of the copy back from the trip";
    road_return_title: "Вернуть из поездки", "Bring back from the trip";
    road_copy: "Копия", "Copy";
    road_taken: "Взята", "Taken";
    road_visits: "Визиты", "Visits";
    road_returned_before: "Уже вносилась", "Brought back before";
    road_other_folder: "Копия взята из другой папки данных:", "The copy was taken from another data folder:";
    road_nothing: "С момента, когда копию взяли или вносили в последний раз, в ней ничего не изменилось: вносить нечего.", "Nothing changed in the copy since it was taken or last brought back: nothing to bring in.";
    road_brought_in: "вносится", "brought in";
    road_removed: "удаляется", "removed";
    road_clash: "конфликт", "conflict";
    road_clash_hint: "Где поле изменили и в поездке, и в офисе, остаётся значение офиса, а значение из поездки попадает в «Конфликты»: там можно выбрать его.", "Where a field changed both on the trip and at the office, the office's value stays and the trip's goes to «Conflicts», where it can be chosen.";
    road_apply: "Внести", "Bring in";
    road_done: "Изменения из поездки внесены", "The trip's changes are brought in";
    road_not_returned: "Изменения из поездки не внесены", "The trip's changes were not brought in";
    road_not_finished: "Изменения из поездки внесены и сохранены, но копия не отмечена как внесённая; при следующем внесении уже внесённое не повторится, но конфликты могут появиться снова", "The trip's changes are brought in and saved, but the copy was not marked as returned; bringing it in again will not repeat what is in, but the conflicts may appear again";
    road_kept: "Не удалено: на запись ссылаются другие", "Not removed: other records refer to it";
    road_busy: "Копия для поездки уже записывается или вносится: дождитесь конца", "A copy for the trip is already being written or brought back: wait for it to end";
}

/// The table for `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// Groups digits as in Russian: 20 161 (with a no-break space), also used in English
/// so figures read the same in both.
pub fn fmt_int(n: i64) -> String {
    crate::model::format::int(n, Lang::Ru)
}

/// `27.11.2026`, in both languages.
pub fn fmt_date(d: NaiveDate) -> String {
    crate::model::date::fmt_date(d)
}

/// Russian plural form of «год»: 1 год, 2 года, 5 лет, 11 лет, 21 год.
pub fn years_ru(n: i32) -> &'static str {
    crate::model::format::years_ru(n)
}

/// A number of people: «1 человек», «2 человека», «5 человек», «21 человек» (the genitive
/// plural «человек» after 5–20 and 11–14, as Russian counts people) / "1 person", "2 people".
pub fn people_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ru => {
            let word = match (n % 10, n % 100) {
                (2..=4, m) if !(12..=14).contains(&m) => "человека",
                _ => "человек",
            };
            format!("{n} {word}")
        }
        Lang::En if n == 1 => "1 person".to_owned(),
        Lang::En => format!("{n} people"),
    }
}

/// The head of the list of untranslated texts before a programme prints.
pub fn missing_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ru => format!("Без перевода: {n}. Эти тексты будут напечатаны по-русски с пометкой «*»:"),
        Lang::En if n == 1 => "1 text has no translation. It will print in Russian, marked «*»:".to_owned(),
        Lang::En => format!("{n} texts have no translation. They will print in Russian, marked «*»:"),
    }
}

/// «55 лет побратимства — 2020» / "55 years of twinning — 2020".
pub fn anniversary(lang: Lang, status: CityStatus, years: i32, year: i32) -> String {
    match (lang, status) {
        (Lang::Ru, CityStatus::Sister) => format!("{years} {} побратимства — {year}", years_ru(years)),
        (Lang::Ru, _) => format!("{years} {} сотрудничества — {year}", years_ru(years)),
        (Lang::En, CityStatus::Sister) => format!("{years} years of twinning — {year}"),
        (Lang::En, _) => format!("{years} years of cooperation — {year}"),
    }
}

/// Name of a city status.
pub fn status_name(t: &Texts, s: CityStatus) -> &'static str {
    match s {
        CityStatus::Home => t.status_home,
        CityStatus::Sister => t.status_sister,
        CityStatus::Friendly => t.status_friendly,
        CityStatus::Prospective => t.status_prospective,
    }
}

/// Name of a delegation direction.
pub fn direction_name(t: &Texts, d: Direction) -> &'static str {
    match d {
        Direction::Incoming => t.incoming,
        Direction::Outgoing => t.outgoing,
    }
}

/// Name of a delegation kind (the sector of an exchange).
pub fn kind_name(lang: Lang, k: DelegationKind) -> &'static str {
    k.name(lang)
}

/// Month name, nominative: «Ноябрь» / "November".
pub fn month_name(lang: Lang, month: u32) -> &'static str {
    crate::model::date::month_name(lang, month)
}

/// Short weekday names, Monday first (weeks start on Monday in both languages).
pub fn weekdays(lang: Lang) -> [&'static str; 7] {
    if lang == Lang::Ru {
        ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    } else {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    }
}

/// Name of a member's role.
pub fn role_name(lang: Lang, r: Role) -> &'static str {
    r.name(lang)
}

/// Name of a delegation status.
pub fn status_del_name(lang: Lang, s: crate::model::DelegationStatus) -> &'static str {
    use crate::model::DelegationStatus as S;
    match (lang, s) {
        (Lang::Ru, S::Planned) => "планируется",
        (Lang::Ru, S::Confirmed) => "подтверждена",
        (Lang::Ru, S::InProgress) => "идёт визит",
        (Lang::Ru, S::Done) => "состоялась",
        (Lang::Ru, S::Cancelled) => "отменена",
        (Lang::En, S::Planned) => "planned",
        (Lang::En, S::Confirmed) => "confirmed",
        (Lang::En, S::InProgress) => "in progress",
        (Lang::En, S::Done) => "done",
        (Lang::En, S::Cancelled) => "cancelled",
    }
}

/// Name of a visa status.
pub fn visa_name(t: &Texts, v: crate::model::VisaStatus) -> &'static str {
    use crate::model::VisaStatus as V;
    match v {
        V::NotRequired => t.visa_not_required,
        V::Needed => t.visa_needed,
        V::Applied => t.visa_applied,
        V::Issued => t.visa_issued,
        V::Refused => t.visa_refused,
    }
}

/// Name of an event category.
pub fn category_name(lang: Lang, c: EventCategory) -> &'static str {
    use EventCategory as C;
    match (lang, c) {
        (Lang::Ru, C::Culture) => "культура",
        (Lang::Ru, C::Sport) => "спорт",
        (Lang::Ru, C::Education) => "образование",
        (Lang::Ru, C::Health) => "здравоохранение",
        (Lang::Ru, C::Ecology) => "экология",
        (Lang::Ru, C::Economy) => "экономика",
        (Lang::Ru, C::Tourism) => "туризм",
        (Lang::Ru, C::Official) => "официальные",
        (Lang::Ru, C::Youth) => "молодёжь",
        (Lang::En, C::Culture) => "culture",
        (Lang::En, C::Sport) => "sport",
        (Lang::En, C::Education) => "education",
        (Lang::En, C::Health) => "health",
        (Lang::En, C::Ecology) => "ecology",
        (Lang::En, C::Economy) => "economy",
        (Lang::En, C::Tourism) => "tourism",
        (Lang::En, C::Official) => "official",
        (Lang::En, C::Youth) => "youth",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_in_threes() {
        assert_eq!(fmt_int(20_161), "20\u{a0}161");
        assert_eq!(fmt_int(17_186), "17\u{a0}186");
        assert_eq!(fmt_int(999), "999");
        assert_eq!(fmt_int(1_000_000), "1\u{a0}000\u{a0}000");
        assert_eq!(fmt_int(-1500), "−1\u{a0}500");
    }

    #[test]
    fn russian_year_plurals() {
        assert_eq!(years_ru(1), "год");
        assert_eq!(years_ru(51), "год");
        assert_eq!(people_count(Lang::Ru, 1), "1 человек");
        assert_eq!(people_count(Lang::Ru, 2), "2 человека");
        assert_eq!(people_count(Lang::Ru, 5), "5 человек");
        assert_eq!(people_count(Lang::Ru, 12), "12 человек");
        assert_eq!(people_count(Lang::Ru, 22), "22 человека");
        assert_eq!(people_count(Lang::En, 1), "1 person");
        assert_eq!(people_count(Lang::En, 0), "0 people");
        assert_eq!(years_ru(52), "года");
        assert_eq!(years_ru(11), "лет");
        assert_eq!(years_ru(12), "лет");
        assert_eq!(years_ru(55), "лет");
        assert_eq!(anniversary(Lang::Ru, CityStatus::Sister, 55, 2020), "55 лет побратимства — 2020");
    }

    #[test]
    fn navigation_labels_are_exact() {
        assert_eq!(
            [RU.nav_overview, RU.nav_cities, RU.nav_calendar, RU.nav_delegations, RU.nav_people, RU.nav_tourism],
            ["Обзор", "Города", "Календарь", "Делегации", "Люди", "Туризм и отчёты"]
        );
        assert_eq!(
            [EN.nav_overview, EN.nav_cities, EN.nav_calendar, EN.nav_delegations, EN.nav_people, EN.nav_tourism],
            ["Overview", "Cities", "Calendar", "Delegations", "People", "Tourism & reports"]
        );
    }
}
