#pragma once

// Internal to the tau-bench importer: what it reads out of file names and message text.

#include "core/ingest/JsonSupport.h"

#include <QString>
#include <QStringList>

namespace reverie::ingest::taubench {

// The benchmark's environments; the results file name usually says which one ran.
const QStringList &knownDomains();
// A message's content as text: a string, or the text parts of a content list.
QString contentText(const json::Json *content);
// The domain a run's system prompt names in its first heading ("# Airline Agent Policy").
QString domainFromSystemPrompt(const QString &prompt);
// The first release's GPT agent stored its tool call as "Function(arguments='...', name='...')".
bool parseFunctionRepr(const QString &repr, QString &name, QString &arguments);
// tau-bench tools report failures as a plain string result starting with "Error".
bool looksLikeToolError(const QString &text);

struct FileFacts {
    QString baseName;
    QString domain;   // from the file name, when it says
    QString model;    // the part of the file name before "-<domain>", e.g. "gpt-4o"
};
FileFacts factsFromPath(const QString &path);

} // namespace reverie::ingest::taubench
