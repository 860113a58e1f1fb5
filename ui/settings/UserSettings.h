#pragma once

#include <QString>
#include <QStringList>

namespace reverie::ui {

// The per-user settings of this computer (QSettings): who the reviewer is and how to reach an
// LLM. The workspace's own policy (stakes, approvals, publish targets) lives in the workspace
// file instead, through review::Policy, because everyone who opens that workspace shares it.
struct UserSettings {
    QString reviewerName;
    QString llmProvider = QStringLiteral("anthropic");   // "anthropic" or "openai"
    QString llmBaseUrl;                                  // empty: the provider's default
    QString llmModel;
    QString llmApiKeyEnv;        // the NAME of the environment variable with the key, never the key
    QString signingKey;          // the PATH of an SSH private key that signs decisions, never the key
    QStringList watchedFolders;  // folders whose new session files are imported while the app runs

    static UserSettings load();
    void save() const;

    // The reviewer name alone (the review panel reads it before every decision).
    static QString storedReviewerName();
    static void storeReviewerName(const QString &name);
    // The signing key's path: the settings', else $REVERIE_SIGNING_KEY; empty: decisions unsigned.
    static QString storedSigningKey();
};

} // namespace reverie::ui
