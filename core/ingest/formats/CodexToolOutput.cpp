#include "core/ingest/formats/CodexToolOutput.h"

#include "core/ingest/formats/ChatContent.h"

#include <QRegularExpression>
#include <QStringList>

namespace reverie::ingest::codex {

namespace {

// Outputs that say the call never ran or was refused, in the versions that give no exit code.
bool isRefusal(const QString &text)
{
    static const QLatin1String prefixes[] = {
        QLatin1String("failed in sandbox"),          QLatin1String("sandbox error"),
        QLatin1String("execution error"),            QLatin1String("exec command rejected"),
        QLatin1String("patch rejected"),             QLatin1String("aborted"),
        QLatin1String("unsupported call"),           QLatin1String("failed to parse function arguments"),
        QLatin1String("apply_patch verification failed"), QLatin1String("error:"),
    };
    const QString t = text.trimmed();
    for (const QLatin1String &p : prefixes) {
        if (t.startsWith(p, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// "Exit code: 1" (0.66) or "Process exited with code 1" (0.1xx) among the header lines that
// come before "Output:"; program output below it is never read as a header.
std::optional<qint64> headerExitCode(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(?:Exit code:|Process exited with code)\\s*(-?\\d+)\\s*$"));
    const QStringList lines = text.left(2048).split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size() && i < 8; ++i) {
        if (lines[i].startsWith(QLatin1String("Output:")))
            break;
        const auto m = re.match(lines[i].trimmed());
        if (m.hasMatch())
            return m.captured(1).toLongLong();
    }
    return std::nullopt;
}

void decide(ToolOutput &out)
{
    if (!out.exitCode)
        out.exitCode = headerExitCode(out.text);
    if (out.exitCode) {
        out.decided = true;
        out.failed = *out.exitCode != 0;
    } else if (isRefusal(out.text)) {
        out.decided = true;
        out.failed = true;
    }
}

// The {"output", "metadata"} object of 0.40-0.58, as a string or already an object.
bool readWrapped(const Json &obj, ToolOutput &out)
{
    const Json *inner = json::find(obj, "output");
    const Json *meta = json::find(obj, "metadata");
    if (!inner || !meta || !meta->is_object())
        return false;
    out.text = chat::contentText(*inner);
    if (const Json *code = json::find(*meta, "exit_code"); code && code->is_number())
        out.exitCode = json::integer(code);
    return true;
}

} // namespace

ToolOutput readToolOutput(const Json &output)
{
    ToolOutput out;
    if (output.is_string()) {
        const std::string &s = output.get_ref<const std::string &>();
        const std::size_t first = s.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && s[first] == '{' && json::findExcessiveNesting(s) < 0) {
            const Json obj = Json::parse(s, nullptr, false);
            if (obj.is_object() && readWrapped(obj, out)) {
                decide(out);
                return out;
            }
        }
        out.text = QString::fromStdString(s);
    } else if (output.is_object()) {
        if (!readWrapped(output, out)) {
            // {"content": ..., "success": bool}: the payload as the protocol defines it.
            const Json *content = json::find(output, "content");
            out.text = content ? chat::contentText(*content) : QString::fromUtf8(json::dump(output));
            if (const Json *ok = json::find(output, "success"); ok && ok->is_boolean()) {
                out.decided = true;
                out.failed = !ok->get<bool>();
            }
        }
    } else {
        out.text = chat::contentText(output);   // structured content items, or null
    }
    if (!out.decided)
        decide(out);
    return out;
}

} // namespace reverie::ingest::codex
