#pragma once

#include <QString>
#include <QStringView>

namespace reverie::ingest::aider {

// How aider marks its lines in .aider.chat.history.md. Every line aider writes itself ends with
// two spaces (a Markdown line break); a "> " line without them continues on the next lines.
bool isUserLine(QStringView line);        // "#### text": what the user typed
bool isOutputLine(QStringView line);      // "> text": aider's own output
bool endsWithBreak(QStringView line);     // the two trailing spaces
QString body(QStringView line);           // the line without its "#### " / "> " prefix and break

// What one line of aider's own output says.
struct OutputLine {
    enum Kind {
        Info,            // anything else: prompts, warnings, "Tokens: … Cost: …", tracebacks
        Model,           // "Model:" / "Main model:" line; name = the model, detail = edit format
        Setting,         // "Aider vX", "Weak model:", "Editor model:", working dirs; name = key
        Edit,            // "Applied edit to FILE"; detail = FILE
        EditFailure,     // the edit format was not followed / a SEARCH block did not match
        Commit,          // "Commit SHA MESSAGE"; name = SHA, detail = MESSAGE
        Shell,           // "Running CMD"; detail = CMD
        ProviderError,   // litellm.*Error and the like: the model could not be reached
        Error,           // "Error: …" from aider itself
        Crash,           // a Python traceback: aider itself failed
        Interrupted,     // "^C KeyboardInterrupt"
    };
    Kind kind = Info;
    QString name;
    QString detail;
};

OutputLine classify(const QString &text);

// The files named in a failed edit's "SearchReplaceNoExactMatch: … lines in FILE" lines.
QString failedEditFile(QStringView text);

// The run ids' prefix: the repository folder holding .aider.chat.history.md, or a renamed copy's name.
QString fileId(const QString &path);
// "/ask …", "/code …", "/architect …": a slash command that carries a request to the model.
bool isPromptCommand(const QString &text);

} // namespace reverie::ingest::aider
