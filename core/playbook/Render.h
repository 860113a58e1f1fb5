#pragma once

#include "core/model/Playbook.h"

#include <QByteArray>
#include <QString>

namespace reverie::playbook {

// The approved playbook rendered for the agent runtime (replay).
//
// Markdown is for CLAUDE.md / AGENTS.md-style prompt injection. It depends on the rules only
// (not on the version number, author or time), so a rollback to version N publishes exactly
// the bytes version N published.
QByteArray renderMarkdown(const std::vector<Rule> &rules);
// JSON: {"format": "reverie-playbook/1", "version", "hash", "rules": [{"id", "text", "scope":
// {"workflows", "tools"}, "stakes"}]}; the format key lets a run's recorded context be matched.
QByteArray renderJson(const PlaybookVersion &version);

// Which rendering a publish target gets: ".json" → JSON, anything else Markdown.
bool targetWantsJson(const QString &path);

// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename), so a
// reader never sees a half-written file. Throws reverie::Error naming the path.
void publishAtomically(const QString &path, const QByteArray &bytes);

} // namespace reverie::playbook
