//! The view: [`view`]`(&mut Model, &mut Frame)` draws the title bar (with SANDBOX in sandbox
//! mode, `● private` in privacy mode), the active screen, the status line and the key hints, and the `?` overlay on top.
//! Pure: it reads the model (time from `Model::now`) and only mutates ratatui's table scroll
//! state. It lives with the app, above the screens it dispatches to; `crate::ui` below holds
//! only what every screen draws with (theme, formatting, widgets).

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use rust_i18n::t;

use crate::app::{Model, Screen};
use crate::i18n::{self, Lang};
use crate::screens::ViewCtx;
use crate::screens::challenge::ChallengeDialog;
use crate::screens::consent::ConsentChecklist;
use crate::screens::credential_form::CredentialForm;
use crate::screens::login::LoginForm;
use crate::ui::widgets::help_overlay::{global_keys, render_help};
use crate::ui::widgets::key_hints::{KeyHint, render_key_hints};

/// Draws the whole app.
pub fn view(model: &mut Model, frame: &mut Frame) {
    let [title, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let theme = model.theme;
    let ctx = ViewCtx {
        theme: &theme,
        now: model.now,
        numbers: model.numbers,
        lang: model.lang,
    };
    let buf = frame.buffer_mut();
    let code = model.lang.code();

    let mut spans = vec![Span::styled(" coffre ", theme.title)];
    if model.numbers.is_private() {
        // A word, not a colour alone; first, so that a narrow window keeps it.
        let private = t!("frame.private", locale = code);
        spans.push(Span::styled(format!(" {private} "), theme.badge));
    }
    if model.sandbox {
        spans.push(Span::styled(" SANDBOX ", theme.badge));
    }
    let heading = match model.questions.open() {
        Some(_) => t!("frame.bank_question", locale = code),
        None => screen_title(&model.screen, model.lang),
    };
    spans.push(Span::styled(format!("  {heading}"), theme.dim));
    if model.questions.waiting() > 0 {
        // The badge of a question announced and not open yet.
        spans.push(Span::styled("  ", theme.dim));
        let badge = t!("frame.bank_question_badge", locale = code);
        spans.push(Span::styled(format!(" {badge} "), theme.badge));
    }
    ratatui::widgets::Widget::render(Line::from(spans), title, buf);

    match &mut model.screen {
        Screen::Login(s) => s.form.render(body, buf, &ctx),
        Screen::ProviderPicker(s) => s.render(body, buf, &ctx),
        Screen::CredentialForm(s) => s.render(body, buf, &ctx),
        Screen::Redirect(s) => s.render(body, buf, &ctx),
        Screen::Challenge(s) => s.render(body, buf, &ctx),
        Screen::Consent(s) => s.render(body, buf, &ctx),
        Screen::Syncing => model.sync.render(body, buf, &ctx),
        Screen::Dashboard(s) => s.render(body, buf, &ctx, &model.sync),
    }
    // A bank question opened over the screen hides it (the screen keeps its state under it).
    if let Some(dialog) = model.questions.open() {
        ratatui::widgets::Widget::render(ratatui::widgets::Clear, body, buf);
        dialog.render(body, buf, &ctx);
    }
    if let Some(s) = &model.status {
        s.render(status, buf, &theme);
    }
    let keys = screen_keys(model);
    let typing = crate::app::update::is_typing(model);
    let mut global = global_keys(typing).to_vec();
    if model.questions.waiting() > 0 {
        global.push(("F2", "answer the bank's question"));
    }
    let bar: &[KeyHint] = if model.quit_confirm {
        &[("y", "quit"), ("n", "stay")]
    } else {
        keys
    };
    let (bar, keys, global) = (
        i18n::hints(model.lang, bar),
        i18n::hints(model.lang, keys),
        i18n::hints(model.lang, &global),
    );
    let help = (global[0].0, t!("frame.help", locale = code).into_owned());
    render_key_hints(&bar, help, hints, buf, &theme);
    if model.help_open {
        let title = t!("frame.keys", locale = code);
        let area = frame.area();
        render_help(&keys, &global, &title, area, frame.buffer_mut(), &theme);
    }
}

fn screen_title(screen: &Screen, lang: Lang) -> Cow<'static, str> {
    let l = lang.code();
    match screen {
        Screen::Redirect(w) => Cow::Owned(w.screen_title(lang)),
        Screen::Login(_) => t!("frame.title.login", locale = l),
        Screen::ProviderPicker(_) => t!("frame.title.banks", locale = l),
        Screen::CredentialForm(_) => t!("frame.title.credentials", locale = l),
        Screen::Challenge(_) => t!("frame.bank_question", locale = l),
        Screen::Consent(_) => t!("frame.title.consent", locale = l),
        Screen::Syncing => t!("frame.title.sync", locale = l),
        Screen::Dashboard(_) => t!("frame.title.dashboard", locale = l),
    }
}

/// The keys of the screen on display (and of its state), for the hint bar and the help overlay.
pub fn screen_keys(model: &Model) -> &'static [KeyHint] {
    if model.questions.open().is_some() {
        return crate::app::update::questions::KEYS;
    }
    match &model.screen {
        Screen::Login(s) if s.behind.is_some() => LoginForm::KEYS_FROM_DASHBOARD,
        Screen::Login(_) => LoginForm::KEYS,
        Screen::ProviderPicker(p) => p.keys(),
        Screen::CredentialForm(_) => CredentialForm::KEYS,
        Screen::Redirect(w) => w.keys(),
        Screen::Challenge(_) => ChallengeDialog::KEYS,
        Screen::Consent(_) => ConsentChecklist::KEYS,
        Screen::Syncing => model.sync.keys(),
        Screen::Dashboard(d) => d.keys(),
    }
}
