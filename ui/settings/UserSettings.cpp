#include "ui/settings/UserSettings.h"

#include <QSettings>

namespace reverie::ui {

namespace {
const QString kReviewer = QStringLiteral("review/reviewerName");
const QString kProvider = QStringLiteral("llm/provider");
const QString kBaseUrl = QStringLiteral("llm/baseUrl");
const QString kModel = QStringLiteral("llm/model");
const QString kKeyEnv = QStringLiteral("llm/apiKeyEnv");
const QString kSigningKey = QStringLiteral("review/signingKey");
const QString kWatched = QStringLiteral("watch/folders");
} // namespace

UserSettings UserSettings::load()
{
    QSettings s;
    UserSettings u;
    u.reviewerName = s.value(kReviewer).toString();
    u.llmProvider = s.value(kProvider, u.llmProvider).toString();
    u.llmBaseUrl = s.value(kBaseUrl).toString();
    u.llmModel = s.value(kModel).toString();
    u.llmApiKeyEnv = s.value(kKeyEnv).toString();
    u.signingKey = s.value(kSigningKey).toString();
    u.watchedFolders = s.value(kWatched).toStringList();
    return u;
}

void UserSettings::save() const
{
    QSettings s;
    s.setValue(kReviewer, reviewerName.trimmed());
    s.setValue(kProvider, llmProvider);
    s.setValue(kBaseUrl, llmBaseUrl.trimmed());
    s.setValue(kModel, llmModel.trimmed());
    s.setValue(kKeyEnv, llmApiKeyEnv.trimmed());
    s.setValue(kSigningKey, signingKey.trimmed());
    s.setValue(kWatched, watchedFolders);
}

QString UserSettings::storedReviewerName()
{
    return QSettings().value(kReviewer).toString().trimmed();
}

QString UserSettings::storedSigningKey()
{
    const QString path = QSettings().value(kSigningKey).toString().trimmed();
    return path.isEmpty() ? qEnvironmentVariable("REVERIE_SIGNING_KEY").trimmed() : path;
}

void UserSettings::storeReviewerName(const QString &name)
{
    QSettings().setValue(kReviewer, name.trimmed());
}

} // namespace reverie::ui
