// Reads rules out of a Markdown file: the bullets of what renderMarkdown writes, or of a
// hand-written CLAUDE.md / AGENTS.md. Headings, paragraphs, comments, quotes, tables and code
// blocks are not rules and are skipped.

#include "core/playbook/MarkdownSyntax.h"

#include "core/model/Error.h"

#include <QRegularExpression>

#include <optional>

namespace reverie::playbook::markdown {

namespace {

struct Item {
    int line = 0;          // where the bullet starts, for messages
    QStringList lines;     // its content lines, trimmed, the marker removed from the first
};

// "- x", "* x", "+ x", "1. x", "1) x" at any indentation (nested bullets are rules too).
std::optional<QStringView> bulletContent(QStringView line)
{
    const QStringView t = trimmed(line);
    if (t.isEmpty())
        return std::nullopt;
    qsizetype markerEnd = 0;
    if (t[0] == u'-' || t[0] == u'*' || t[0] == u'+') {
        markerEnd = 1;
    } else {
        while (markerEnd < t.size() && markerEnd < 9 && t[markerEnd].isDigit() && t[markerEnd].unicode() < 128)
            ++markerEnd;
        if (markerEnd == 0 || markerEnd >= t.size() || (t[markerEnd] != u'.' && t[markerEnd] != u')'))
            return std::nullopt;
        ++markerEnd;
    }
    if (markerEnd < t.size() && t[markerEnd] != u' ' && t[markerEnd] != u'\t')
        return std::nullopt;
    return trimmed(t.mid(markerEnd));
}

// "---", "* * *", "___": a rule between sections, not a bullet.
bool isThematicBreak(QStringView t)
{
    if (t.isEmpty() || (t[0] != u'-' && t[0] != u'*' && t[0] != u'_'))
        return false;
    int count = 0;
    for (const QChar c : t) {
        if (c == t[0])
            ++count;
        else if (c != u' ' && c != u'\t')
            return false;
    }
    return count >= 3;
}

bool isHeading(QStringView t)
{
    qsizetype hashes = 0;
    while (hashes < t.size() && t[hashes] == u'#')
        ++hashes;
    return hashes >= 1 && hashes <= 6 && (hashes == t.size() || t[hashes] == u' ' || t[hashes] == u'\t');
}

QStringView fenceOf(QStringView t)
{
    if (t.startsWith(QLatin1String("```")) || t.startsWith(QLatin1String("~~~"))) {
        qsizetype n = 0;
        while (n < t.size() && t[n] == t[0])
            ++n;
        return t.left(n);
    }
    return QStringView();
}

// Lines that start a block of their own end the bullet before them instead of continuing it.
bool startsOtherBlock(QStringView t)
{
    return t.startsWith(u'>') || t.startsWith(u'|') || t.startsWith(u'<');
}

bool endsWithHardBreak(QStringView t)
{
    qsizetype backslashes = 0;
    while (backslashes < t.size() && t[t.size() - 1 - backslashes] == u'\\')
        ++backslashes;
    return backslashes % 2 == 1;
}

// Ids in a hand-written file must look like ids ("R3", "SEC-12") so that a bold lead-in such
// as "**Never** push to main" stays part of the rule.
bool looksLikeId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z][A-Za-z_.-]{0,15}[0-9]{1,9}$"));
    return re.match(id).hasMatch();
}

std::optional<Rule> toRule(const Item &item, bool generated)
{
    // Continuation lines join with a space; a hard break (odd trailing backslashes, which is
    // how escapeText writes a newline) joins with a newline.
    QString raw;
    for (qsizetype i = 0; i < item.lines.size(); ++i) {
        QStringView l = item.lines[i];
        if (i + 1 < item.lines.size() && endsWithHardBreak(l)) {
            l.chop(1);
            raw += l;
            raw += QLatin1Char('\n');
        } else {
            raw += l;
            if (i + 1 < item.lines.size())
                raw += QLatin1Char(' ');
        }
    }
    QStringView rest = trimmed(raw);

    Rule rule;
    if (rest.startsWith(QLatin1String("[ ] ")) || rest.startsWith(QLatin1String("[x] "))
        || rest.startsWith(QLatin1String("[X] ")))
        rest = trimmed(rest.mid(4));   // a task-list checkbox is not part of the rule
    if (rest.startsWith(QLatin1String("**"))) {
        const qsizetype close = findUnescaped(rest, u"**", 2);
        if (close > 2) {
            const QString id = unescape(rest.mid(2, close - 2));
            if (generated || looksLikeId(id)) {
                rule.id = id;
                rest = trimmed(rest.mid(close + 2));
            }
        }
    }
    // The scope suffix is the last unescaped "_(" that opens a word, closed by ")_" at the end.
    if (rest.endsWith(QLatin1String(")_"))) {
        qsizetype open = -1;
        for (qsizetype at = findUnescaped(rest, u"_("); at >= 0;
             at = findUnescaped(rest, u"_(", at + 1)) {
            if (at == 0 || rest[at - 1] == u' ' || rest[at - 1] == u'\t')
                open = at;
        }
        if (open >= 0 && open + 2 <= rest.size() - 2
            && parseScopeSuffix(rest.mid(open + 2, rest.size() - 2 - (open + 2)), &rule.scope, &rule.stakes))
            rest = trimmed(rest.left(open));
    }
    rule.text = unescape(rest);
    if (rule.text.isEmpty() && rule.id.isEmpty())
        return std::nullopt;
    return rule;
}

} // namespace

std::vector<Rule> parseRules(QStringView text, const QString &fileName)
{
    const QList<QStringView> lines = text.split(u'\n');
    bool generated = false;
    for (const QStringView line : lines) {
        if (trimmed(line).startsWith(QLatin1String("_Generated by Reverie "))) {
            generated = true;
            break;
        }
    }

    std::vector<Rule> rules;
    std::optional<Item> item;
    auto close = [&] {
        if (item) {
            if (std::optional<Rule> r = toRule(*item, generated))
                rules.push_back(std::move(*r));
            item.reset();
        }
    };
    QStringView fence;
    int fenceLine = 0;
    int commentLine = 0;
    bool frontMatter = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i) + 1;
        QStringView line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QStringView t = trimmed(line);
        if (commentLine) {
            if (t.contains(QLatin1String("-->")))
                commentLine = 0;
            continue;
        }
        if (!fence.isEmpty()) {
            if (t.startsWith(fence) && trimmed(t.mid(fence.size())).isEmpty())
                fence = QStringView();
            continue;
        }
        if (frontMatter) {
            frontMatter = t != QLatin1String("---") && t != QLatin1String("...");
            continue;
        }
        if (lineNo == 1 && t == QLatin1String("---")) {
            frontMatter = true;
            continue;
        }
        if (t.isEmpty() || isHeading(t) || isThematicBreak(t)) {
            close();
            continue;
        }
        if (t.startsWith(QLatin1String("<!--"))) {
            close();
            if (!t.mid(4).contains(QLatin1String("-->")))
                commentLine = lineNo;
            continue;
        }
        if (const QStringView f = fenceOf(t); !f.isEmpty()) {
            close();
            fence = f;
            fenceLine = lineNo;
            continue;
        }
        if (const std::optional<QStringView> content = bulletContent(line)) {
            close();
            item = Item{lineNo, QStringList{content->toString()}};
            continue;
        }
        if (item && !startsOtherBlock(t))
            item->lines.append(t.toString());
        else
            close();   // a paragraph, quote, table or HTML: not a rule
    }
    if (commentLine)
        throw Error(QStringLiteral("%1:%2: HTML comment is never closed (\"-->\" missing), so every rule after it "
                                   "would be hidden")
                        .arg(fileName).arg(commentLine));
    if (!fence.isEmpty())
        throw Error(QStringLiteral("%1:%2: code block is never closed (\"%3\" missing), so every rule after it would "
                                   "be hidden")
                        .arg(fileName).arg(fenceLine).arg(fence.toString()));
    close();
    return rules;
}

} // namespace reverie::playbook::markdown
