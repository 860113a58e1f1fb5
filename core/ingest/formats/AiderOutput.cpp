#include "core/ingest/formats/AiderOutput.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace reverie::ingest::aider {

bool isUserLine(QStringView line)
{
    return line.startsWith(QLatin1String("#### ")) || line == QLatin1String("####");
}

bool isOutputLine(QStringView line)
{
    return line.startsWith(QLatin1String("> ")) || line == QLatin1String(">");
}

bool endsWithBreak(QStringView line)
{
    // Aider strips what it writes before adding the break, so more spaces are the text's own
    // (a shell command padded with blanks, continued on the next line).
    if (!line.endsWith(QLatin1String("  ")))
        return false;
    const QStringView rest = line.chopped(2);
    return !rest.endsWith(QLatin1Char(' ')) || rest == QLatin1String("#### ");
}

QString body(QStringView line)
{
    QStringView rest = line;
    if (rest.startsWith(QLatin1String("#### ")))
        rest = rest.mid(5);
    else if (rest.startsWith(QLatin1String("> ")))
        rest = rest.mid(2);
    else if (rest == QLatin1String(">") || rest == QLatin1String("####"))
        rest = {};
    while (rest.endsWith(QLatin1Char(' ')))
        rest.chop(1);
    return rest.toString();
}

OutputLine classify(const QString &text)
{
    static const QRegularExpression model(QStringLiteral("^(?:Main model|Model): (\\S+)(?: with (\\S+) edit format)?"));
    static const QRegularExpression setting(
        QStringLiteral("^(Aider v|Weak model: |Editor model: |Cur working dir: |Git working dir: )(\\S.*)$"));
    static const QRegularExpression edit(QStringLiteral("^Applied edit to (.+)$"));
    static const QRegularExpression commit(QStringLiteral("^Commit ([0-9a-f]{7,40}) (.*)$"));
    static const QRegularExpression running(QStringLiteral("^Running (.+)$"));
    static const QRegularExpression editFailure(QStringLiteral(
        "^(?:The LLM did not conform to the edit format|# \\d+ SEARCH/REPLACE blocks? failed to match|"
        "SearchReplaceNoExactMatch|Malformed response|Unable to find a fenced block)"));
    // litellm.APIError, litellm.RateLimitError, litellm_patch.OpenGPUPatchError, ...
    static const QRegularExpression provider(QStringLiteral("^litellm[\\w.]*(?:Error|Exception)\\b"));

    OutputLine out;
    QRegularExpressionMatch m;
    if ((m = model.match(text)).hasMatch()) {
        out.kind = OutputLine::Model;
        out.name = m.captured(1);
        out.detail = m.captured(2);
    } else if ((m = setting.match(text)).hasMatch()) {
        out.kind = OutputLine::Setting;
        out.name = m.captured(1).chopped(m.captured(1).endsWith(QLatin1String(": ")) ? 2 : 0);
        out.detail = m.captured(2);
    } else if ((m = edit.match(text)).hasMatch()) {
        out.kind = OutputLine::Edit;
        out.detail = m.captured(1);
    } else if ((m = commit.match(text)).hasMatch()) {
        out.kind = OutputLine::Commit;
        out.name = m.captured(1);
        out.detail = m.captured(2);
    } else if ((m = running.match(text)).hasMatch()) {
        out.kind = OutputLine::Shell;
        out.detail = m.captured(1);
    } else if (editFailure.match(text).hasMatch()) {
        out.kind = OutputLine::EditFailure;
    } else if (provider.match(text).hasMatch()) {
        out.kind = OutputLine::ProviderError;
    } else if (text.startsWith(QLatin1String("Traceback (most recent call last):"))) {
        out.kind = OutputLine::Crash;
    } else if (text.startsWith(QLatin1String("Error: "))) {
        out.kind = OutputLine::Error;
    } else if (text.startsWith(QLatin1String("^C KeyboardInterrupt"))) {
        out.kind = OutputLine::Interrupted;
    }
    return out;
}

QString failedEditFile(QStringView text)
{
    static const QRegularExpression file(
        QStringLiteral("^## SearchReplaceNoExactMatch: This SEARCH block failed to exactly match lines in (.+)$"),
        QRegularExpression::MultilineOption);
    QStringList files;
    auto it = file.globalMatch(text);
    while (it.hasNext()) {
        const QString f = it.next().captured(1).trimmed();
        if (!files.contains(f))
            files << f;
    }
    return files.join(QLatin1Char('\n'));
}

// The history file is always called .aider.chat.history.md, so its folder (the repository)
// names it; a renamed copy ("owner__repo.aider.chat.history.md") names itself.
QString fileId(const QString &path)
{
    const QFileInfo fi(path);
    QString id = fi.fileName();
    for (const QLatin1String suffix : {QLatin1String(".aider.chat.history.md"), QLatin1String(".md")}) {
        if (id.endsWith(suffix)) {
            id.chop(suffix.size());
            break;
        }
    }
    if (id.isEmpty())
        id = fi.absoluteDir().dirName();
    return id.isEmpty() ? QStringLiteral("aider") : id;
}

// The slash commands whose argument is a request to the model, not an instruction to aider.
bool isPromptCommand(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^/(ask|code|architect|context)\\s+\\S"));
    return re.match(text).hasMatch();
}

} // namespace reverie::ingest::aider
