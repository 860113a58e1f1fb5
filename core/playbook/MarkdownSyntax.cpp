#include "core/playbook/MarkdownSyntax.h"

#include <QStringList>

namespace reverie::playbook::markdown {

namespace {

bool isAsciiPunct(char16_t u)
{
    return (u >= '!' && u <= '/') || (u >= ':' && u <= '@') || (u >= '[' && u <= '`') || (u >= '{' && u <= '~');
}

bool isAsciiLetter(char16_t u) { return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'); }
bool isAsciiDigit(char16_t u) { return u >= '0' && u <= '9'; }
bool isMarkdownSpace(char16_t u) { return u == ' ' || u == '\t'; }

// Characters that end a line for some reader (CommonMark, an editor or a tokenizer), or that
// are invisible controls: written as character references so the bullet stays one line.
bool needsReference(char16_t u)
{
    return (u < 0x20 && u != '\t') || u == 0x7f || u == 0x85 || u == 0x2028 || u == 0x2029;
}

void appendReference(QString &out, char16_t u)
{
    out += QLatin1String("&#") + QString::number(int(u)) + QLatin1Char(';');
}

// One line of text. Everything that could start a block is escaped at the start of the line
// (heading, quote, list marker, thematic break, setext underline, fence), everything that could
// open inline markup anywhere, and the whitespace a reader would trim at either end.
void escapeLine(QStringView line, bool name, QString &out)
{
    const qsizetype n = line.size();
    qsizetype digits = 0;
    while (digits < n && digits < 10 && isAsciiDigit(line[digits].unicode()))
        ++digits;
    const bool ordinal = digits > 0 && digits < n && (line[digits] == u'.' || line[digits] == u')');
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = line[i];
        const char16_t u = c.unicode();
        if (needsReference(u) || (isMarkdownSpace(u) && (i == 0 || i == n - 1))) {
            appendReference(out, u);
            continue;
        }
        bool escape = false;
        switch (u) {
        case '\\': case '`': case '*': case '[': case ']': case '<': case '|': case '~':
            escape = true;
            break;
        case '_':   // inside a word ("run_tests") it cannot open emphasis: keep it readable
            escape = !(i > 0 && i + 1 < n && line[i - 1].isLetterOrNumber() && line[i + 1].isLetterOrNumber());
            break;
        case '&':
            escape = i + 1 < n && (line[i + 1] == u'#' || isAsciiLetter(line[i + 1].unicode()));
            break;
        case ',': case ';': case '(': case ')':
            escape = name;
            break;
        default:
            break;
        }
        if ((i == 0 && isAsciiPunct(u)) || (ordinal && i == digits))
            escape = true;
        if (escape)
            out += QLatin1Char('\\');
        out += c;
    }
}

void appendCodePoint(QString &out, char32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (QChar::requiresSurrogates(cp)) {
        out += QChar(QChar::highSurrogate(cp));
        out += QChar(QChar::lowSurrogate(cp));
    } else {
        out += QChar(char16_t(cp));
    }
}

// Decodes the character reference starting at raw[i] ('&'). Returns its length, or 0 when it is
// not one (the '&' is then literal).
qsizetype decodeReference(QStringView raw, qsizetype i, QString &out)
{
    const qsizetype semi = raw.indexOf(u';', i + 1);
    if (semi < 0 || semi - i > 12 || semi == i + 1)
        return 0;
    const QStringView body = raw.mid(i + 1, semi - i - 1);
    if (body.startsWith(u'#')) {
        const bool hex = body.size() > 1 && (body[1] == u'x' || body[1] == u'X');
        const QStringView digits = body.mid(hex ? 2 : 1);
        if (digits.isEmpty() || digits.size() > (hex ? 6 : 7))
            return 0;
        bool ok = false;
        const uint cp = digits.toUInt(&ok, hex ? 16 : 10);
        if (!ok || digits.startsWith(u'+') || digits.startsWith(u'-'))
            return 0;
        appendCodePoint(out, cp);
        return semi - i + 1;
    }
    static const struct { const char *name; char16_t ch; } kNamed[] = {
        {"amp", u'&'}, {"lt", u'<'}, {"gt", u'>'}, {"quot", u'"'}, {"apos", u'\''}, {"nbsp", 0xA0},
    };
    for (const auto &e : kNamed) {
        if (body == QLatin1String(e.name)) {
            out += QChar(e.ch);
            return semi - i + 1;
        }
    }
    return 0;
}

// Splits at `sep` outside backslash escapes and character references ("&#32;" has a ';').
QStringList splitUnescaped(QStringView text, QChar sep)
{
    QStringList parts;
    qsizetype start = 0;
    QString scratch;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'\\') {
            ++i;
        } else if (const qsizetype ref = text[i] == u'&' ? decodeReference(text, i, scratch) : 0; ref > 0) {
            i += ref - 1;
        } else if (text[i] == sep) {
            parts.append(text.mid(start, i - start).toString());
            start = i + 1;
        }
    }
    parts.append(text.mid(start).toString());
    return parts;
}

QString joinNames(const QStringList &names)
{
    QStringList escaped;
    for (const QString &n : names)
        escaped.append(escapeName(n));
    return escaped.join(QLatin1String(", "));
}

QStringList parseNames(QStringView list)
{
    QStringList names;
    for (const QString &part : splitUnescaped(list, u',')) {
        const QString name = unescape(trimmed(part));
        if (!name.isEmpty())
            names.append(name);
    }
    return names;
}

} // namespace

QLatin1String generatedNote()
{
    // Inside a managed block of a file people also edit: only the block is Reverie's.
    return QLatin1String("_Generated by Reverie from the approved playbook. Change these rules in Reverie: edits "
                         "inside this block are replaced on the next publish._");
}

QString escapeText(QStringView text, QStringView indent)
{
    // A newline at the very end cannot be a hard break: the line after it would be blank and
    // end the bullet. Those become references instead.
    qsizetype end = text.size();
    while (end > 0 && text[end - 1] == u'\n')
        --end;
    const QStringView body = text.left(end);
    QString out;
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = body.indexOf(u'\n', start);
        escapeLine(body.mid(start, nl < 0 ? body.size() - start : nl - start), false, out);
        if (nl < 0)
            break;
        out += QLatin1String("\\\n");
        out += indent;
        start = nl + 1;
    }
    for (qsizetype i = end; i < text.size(); ++i)
        appendReference(out, u'\n');
    return out;
}

QString escapeName(QStringView name)
{
    QString out;
    escapeLine(name, true, out);
    return out;
}

QString unescape(QStringView raw)
{
    QString out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw[i];
        if (c == u'\\' && i + 1 < raw.size() && isAsciiPunct(raw[i + 1].unicode())) {
            out += raw[++i];
        } else if (c == u'&') {
            const qsizetype used = decodeReference(raw, i, out);
            if (used > 0)
                i += used - 1;
            else
                out += c;
        } else {
            out += c;
        }
    }
    return out;
}

QString scopeSuffix(const Rule &rule)
{
    QStringList parts;
    if (!rule.scope.workflows.isEmpty())
        parts.append(QLatin1String("workflows: ") + joinNames(rule.scope.workflows));
    if (!rule.scope.tools.isEmpty())
        parts.append(QLatin1String("tools: ") + joinNames(rule.scope.tools));
    if (!rule.scope.models.isEmpty())
        parts.append(QLatin1String("models: ") + joinNames(rule.scope.models));
    if (rule.stakes == Stakes::High)
        parts.append(QStringLiteral("high stakes"));
    if (parts.isEmpty())
        return QString();
    return QLatin1String(" _(") + parts.join(QLatin1String("; ")) + QLatin1String(")_");
}

bool parseScopeSuffix(QStringView inner, Scope *scope, Stakes *stakes)
{
    Scope s;
    Stakes k = Stakes::Low;
    const QLatin1String workflows("workflows:");
    const QLatin1String tools("tools:");
    const QLatin1String models("models:");
    for (const QString &part : splitUnescaped(inner, u';')) {
        const QStringView p = trimmed(part);
        if (p == QLatin1String("high stakes"))
            k = Stakes::High;
        else if (p == QLatin1String("low stakes"))
            k = Stakes::Low;
        else if (p.startsWith(workflows))
            s.workflows += parseNames(p.mid(workflows.size()));
        else if (p.startsWith(tools))
            s.tools += parseNames(p.mid(tools.size()));
        else if (p.startsWith(models))
            s.models += parseNames(p.mid(models.size()));
        else
            return false;
    }
    *scope = s;
    *stakes = k;
    return true;
}

qsizetype findUnescaped(QStringView text, QStringView needle, qsizetype from)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (i >= from && text.mid(i).startsWith(needle))
            return i;
        if (text[i] == u'\\')
            ++i;
    }
    return -1;
}

QStringView trimmed(QStringView text)
{
    qsizetype b = 0;
    qsizetype e = text.size();
    while (b < e && isMarkdownSpace(text[b].unicode()))
        ++b;
    while (e > b && isMarkdownSpace(text[e - 1].unicode()))
        --e;
    return text.mid(b, e - b);
}

} // namespace reverie::playbook::markdown
