#pragma once

// Internal to core/playbook: the Markdown that renderMarkdown writes and parsePlaybook reads,
// kept in one place so the two stay exact inverses.

#include "core/model/Playbook.h"

#include <QString>
#include <QStringView>

#include <vector>

namespace reverie::playbook::markdown {

// The line under the heading of a rendered playbook. parsePlaybook recognises a generated
// file by it and then reads every bold lead-in as a rule id.
QLatin1String generatedNote();

// Untrusted rule text as inline Markdown that reads back as exactly `text` and cannot leave
// its bullet: significant characters are backslash-escaped, control characters and edge
// whitespace become character references, and a newline becomes a hard break ("\" at the end
// of the line) followed by `indent`.
QString escapeText(QStringView text, QStringView indent);
// A rule id or scope name: like escapeText, on one line, with ",", ";", "(" and ")" escaped
// too so the scope suffix splits unambiguously.
QString escapeName(QStringView name);
// The inverse of both: removes backslash escapes and decodes character references.
QString unescape(QStringView raw);

// " _(workflows: a, b; tools: c; high stakes)_", or empty for a global low-stakes rule.
QString scopeSuffix(const Rule &rule);
// Reads what is between "_(" and ")_"; false when any part is not one scopeSuffix writes, so a
// hand-written "_(see the runbook)_" stays part of the text.
bool parseScopeSuffix(QStringView inner, Scope *scope, Stakes *stakes);

// Where `needle` next occurs at or after `from` outside backslash escapes; -1 if nowhere.
qsizetype findUnescaped(QStringView text, QStringView needle, qsizetype from = 0);
// Markdown whitespace (spaces and tabs) removed from both ends.
QStringView trimmed(QStringView text);

// Reads the bullets of a Markdown playbook (UTF-8 already validated). Throws reverie::Error
// naming `fileName` and the line for constructs that would hide rules (an unclosed comment or
// code fence).
std::vector<Rule> parseRules(QStringView text, const QString &fileName);

} // namespace reverie::playbook::markdown
