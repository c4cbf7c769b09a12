//! Adding or renewing a bank (pure, like `update`): the bank picker, the credential form
//! (EMBEDDED) and the wait for the bank's website (REDIRECT), their keys and the API answers
//! they wait for. The [`Onboarding`](crate::app::model::Onboarding) context remembers the last
//! form and what was typed in it, secrets excepted (to come back to it after refused
//! credentials), and the connection being renewed (a retry renews the connection that failed).
//!
//! When German banks are offered the picker asks the country first; a German bank is linked
//! through finX's page ([`german`]).
//!
//! A bank already connected with the same login is caught before anything is created
//! ([`duplicate`]). Once a connection is created (form or redirect), its sync is
//! [`progress`]'s.

mod duplicate;
mod german;

pub(crate) use german::link_german_bank;

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::{Command, Model, Screen, progress};
use crate::domain::{
    CallFailure, Channel, ChannelMode, ConnectionId, Provider, SyncStep, login_matches_mask,
};
use crate::screens::credential_form::{CredentialForm, FormAction};
use crate::screens::dashboard::Dashboard;
use crate::screens::provider_picker::{PickerAction, ProviderPicker};
use crate::screens::redirect::RedirectWait;
use crate::ui::widgets::status_line::Status;

/// A key on the bank picker: Esc (not while choosing a channel) back to the dashboard.
pub(crate) fn picker_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let Screen::ProviderPicker(picker) = &mut model.screen else {
        return Vec::new();
    };
    if key.code == KeyCode::Esc && !picker.is_choosing() {
        // Back to the dashboard (it says "press a" when there is no bank yet).
        model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
        return vec![Command::LoadDashboard];
    }
    match picker.on_key(key) {
        PickerAction::None => Vec::new(),
        PickerAction::Pick(provider, channel) => open_channel(model, provider, channel),
        PickerAction::German { iban } => link_german_bank(model, iban, None),
    }
}

/// A key on the credential form: Esc back to the picker; a valid form is sent.
pub(crate) fn form_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    if !matches!(model.screen, Screen::CredentialForm(_)) {
        return Vec::new();
    }
    if key.code == KeyCode::Esc {
        return back_to_picker(model);
    }
    if let Some(cmds) = duplicate::check(model, key) {
        return cmds;
    }
    let Screen::CredentialForm(form) = &mut model.screen else {
        return Vec::new();
    };
    match form.on_key(key, model.lang) {
        FormAction::None => Vec::new(),
        FormAction::Refused(why) => {
            model.status = Some(Status::Error(
                rust_i18n::t!("notice.not_sent", locale = model.lang.code(), why = why).into(),
            ));
            Vec::new()
        }
        FormAction::Submit(values) => {
            let (provider, channel) = (form.provider.id.clone(), form.channel.id.clone());
            model.onboarding.typed = form.typed();
            let request = model.next_id();
            if let Screen::CredentialForm(form) = &mut model.screen {
                form.pending = Some(request);
            }
            model.status = None;
            vec![Command::SubmitCredentials {
                request,
                provider,
                channel,
                values,
                renew: model.onboarding.renewing.clone(),
            }]
        }
    }
}

/// A key while waiting for the bank's website: Esc cancels and goes back to the picker.
pub(crate) fn redirect_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let Screen::Redirect(wait) = &model.screen else {
        return Vec::new();
    };
    if key.code != KeyCode::Esc {
        return Vec::new();
    }
    let request = wait.request;
    let mut cmds = back_to_picker(model);
    cmds.insert(0, Command::CancelRedirect { request });
    cmds
}

/// Opens the form (EMBEDDED) or starts the redirect (REDIRECT) for the chosen channel.
pub(crate) fn open_channel(
    model: &mut Model,
    provider: Provider,
    channel: Channel,
) -> Vec<Command> {
    model.status = None;
    match channel.mode {
        ChannelMode::Embedded => {
            model.onboarding.last_form = Some((provider.clone(), channel.clone()));
            model.screen = Screen::CredentialForm(CredentialForm::new(provider, channel));
            Vec::new()
        }
        ChannelMode::Redirect => {
            let request = model.next_id();
            let (p, c) = (provider.id.clone(), channel.id.clone());
            model.screen = Screen::Redirect(RedirectWait::new(provider.name, request));
            vec![Command::StartRedirect {
                request,
                provider: p,
                channel: c,
                renew: model.onboarding.renewing.clone(),
            }]
        }
    }
}

/// Back to the picker, reusing the loaded catalogue (loading it when there is none); it asks
/// France or Germany first when German banks are offered.
pub(crate) fn back_to_picker(model: &mut Model) -> Vec<Command> {
    model.onboarding.renewing = None;
    let mut picker = ProviderPicker::loading();
    if model.finx {
        picker.ask_country();
    }
    if model.providers.is_empty() {
        model.screen = Screen::ProviderPicker(picker);
        return vec![Command::LoadProviders];
    }
    picker.set_providers(model.providers.clone());
    model.screen = Screen::ProviderPicker(picker);
    Vec::new()
}

/// Enter on the sync screen after a failure. The connection exists at the aggregator, so a
/// retry fixes IT (never creates a second one): the form opens again refilled with what was
/// typed (secrets excepted) and renews that connection's credentials; a failure the form
/// cannot fix (a password to change or an action on the bank's website) lands on the
/// dashboard, where the bank's heading says what to do.
pub(crate) fn retry_after_failure(model: &mut Model) -> Vec<Command> {
    let failed = model.sync.rows.iter().find_map(|r| match &r.step {
        SyncStep::Failed(f) => Some((r.connection.clone(), f.clone())),
        _ => None,
    });
    let Some((connection, failure)) = failed else {
        return Vec::new();
    };
    model
        .sync
        .rows
        .retain(|r| !matches!(r.step, SyncStep::Failed(_)));
    match (
        &model.onboarding.last_form,
        crate::domain::retry_from_form(&failure),
    ) {
        (Some((p, c)), true) => {
            let form =
                CredentialForm::new(p.clone(), c.clone()).with_typed(&model.onboarding.typed);
            model.onboarding.renewing = Some(connection);
            model.screen = Screen::CredentialForm(form);
            Vec::new()
        }
        _ => {
            model.onboarding.renewing = None;
            model.status = Some(Status::Info(crate::wording::failures::sync_failure_words(
                &failure, model.lang,
            )));
            model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
            vec![Command::LoadDashboard]
        }
    }
}

/// The provider catalogue arrived: kept, and shown when the picker is on screen.
pub(crate) fn providers_loaded(
    model: &mut Model,
    result: Result<Vec<Provider>, CallFailure>,
) -> Vec<Command> {
    if let Ok(list) = &result {
        model.providers = list.clone();
    }
    if let Screen::ProviderPicker(picker) = &mut model.screen {
        match result {
            Ok(list) => picker.set_providers(list),
            Err(e) => {
                picker.loading = false;
                picker.error = Some(e);
            }
        }
    }
    Vec::new()
}

/// The form's connection was created: its sync starts; or the form says why not.
pub(crate) fn connection_created(
    model: &mut Model,
    request: u64,
    result: Result<ConnectionId, CallFailure>,
) -> Vec<Command> {
    let Screen::CredentialForm(form) = &mut model.screen else {
        return Vec::new();
    };
    if form.pending != Some(request) {
        return Vec::new();
    }
    form.pending = None;
    match result {
        Ok(connection) => {
            let bank = form.provider.name.clone();
            progress::start_sync(model, connection, bank)
        }
        Err(e) => {
            form.error = Some(crate::wording::failures::call_failure(&e, model.lang));
            Vec::new()
        }
    }
}

/// The bank's URL for the redirect is known (or why not).
pub(crate) fn authorize_url_ready(
    model: &mut Model,
    request: u64,
    result: Result<String, CallFailure>,
) -> Vec<Command> {
    if let Screen::Redirect(wait) = &mut model.screen
        && wait.request == request
    {
        match result {
            Ok(url) => wait.url = Some(url),
            Err(e) => wait.error = Some(e),
        }
    }
    Vec::new()
}

/// The bank sent the user back: the connection's sync starts; or the wait says why not.
pub(crate) fn redirect_completed(
    model: &mut Model,
    request: u64,
    result: Result<ConnectionId, CallFailure>,
) -> Vec<Command> {
    let Screen::Redirect(wait) = &mut model.screen else {
        return Vec::new();
    };
    if wait.request != request {
        return Vec::new();
    }
    match result {
        Ok(connection) => {
            let bank = wait.bank.clone();
            progress::start_sync(model, connection, bank)
        }
        Err(e) => {
            wait.error = Some(e);
            Vec::new()
        }
    }
}

/// `r` on the dashboard found the channel to renew: its form or redirect opens. The form is
/// refilled with what was last typed (secrets excepted) when that login matches the one the
/// API shows (masked) for this connection.
pub(crate) fn renewal_ready(
    model: &mut Model,
    connection: ConnectionId,
    provider: Provider,
    channel: Channel,
) -> Vec<Command> {
    let Screen::Dashboard(d) = &model.screen else {
        return Vec::new();
    };
    let mask = d
        .known_connections()
        .into_iter()
        .find(|k| k.id == connection)
        .and_then(|k| k.login);
    model.onboarding.renewing = Some(connection);
    let cmds = open_channel(model, provider, channel);
    let typed = &model.onboarding.typed;
    let same_login = typed
        .first()
        .zip(mask)
        .is_some_and(|((_, login), mask)| login_matches_mask(login, &mask));
    if let (true, Screen::CredentialForm(form)) = (same_login, &mut model.screen) {
        *form = form.clone().with_typed(typed);
    }
    cmds
}
