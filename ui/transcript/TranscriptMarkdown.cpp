#include "ui/transcript/TranscriptMarkdown.h"

#include "core/model/Step.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelinePainter.h"
#include "ui/transcript/TranscriptModel.h"
#include "ui/transcript/TranscriptTexts.h"

#include <map>

namespace reverie::ui {

QString TranscriptMarkdown::escapeInline(const QString &text)
{
    static const QString specials = QStringLiteral("\\`*_{}[]()#+-.!|<>~&");
    QString out;
    out.reserve(text.size() + 8);
    for (QChar c : text.simplified()) {
        if (specials.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString TranscriptMarkdown::fenced(const QString &text)
{
    int longest = 0;
    int run = 0;
    for (QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(std::max(3, longest + 1), QLatin1Char('`'));
    QString body = text;
    body.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    if (!body.endsWith(QLatin1Char('\n')))
        body += QLatin1Char('\n');
    return fence + QLatin1Char('\n') + body + fence + QLatin1Char('\n');
}

namespace {
QString heading(const TranscriptMarkdown::Part &p, bool isResult)
{
    QString title;
    if (isResult || StepKind(p.kind) == StepKind::Observation)
        title = TranscriptMarkdown::tr("Result");
    else if (StepKind(p.kind) == StepKind::Message && !p.role.isEmpty())
        title = TranscriptMarkdown::escapeInline(p.role);
    else
        title = TimelinePainter::laneName(p.kind);
    if (!p.tool.isEmpty() && !isResult)
        title += QLatin1Char(' ') + TranscriptMarkdown::escapeInline(p.tool);
    title += QStringLiteral(" · #%1").arg(p.seq);
    if (p.error)
        title += QStringLiteral(" · ") + TranscriptMarkdown::tr("error");
    return isResult ? QStringLiteral("**") + title + QStringLiteral("**") : QStringLiteral("### ") + title;
}

void append(QString &out, const TranscriptMarkdown::Part &p, bool isResult)
{
    out += heading(p, isResult) + QLatin1Char('\n');
    if (!p.text.isEmpty())
        out += QLatin1Char('\n') + TranscriptMarkdown::fenced(p.text);
}
} // namespace

QString TranscriptMarkdown::format(const std::vector<Item> &items)
{
    QString out;
    for (const Item &item : items) {
        if (!out.isEmpty())
            out += QLatin1Char('\n');
        append(out, item.step, false);
        if (item.hasResult) {
            out += QLatin1Char('\n');
            append(out, item.result, true);
        }
    }
    return out;
}

QString TranscriptMarkdown::read(store::Workspace &ws, const TimelineData &data,
                                 const std::vector<TranscriptEntries::Entry> &entries, const std::atomic_bool &stale)
{
    constexpr int kPage = TranscriptModel::kPageSize;
    std::map<int, std::vector<StepText>> pages;
    auto part = [&](int step) {
        Part p;
        p.kind = data.kinds[std::size_t(step)];
        p.seq = data.seqs[std::size_t(step)];
        p.error = data.flags[std::size_t(step)] & TimelineData::Error;
        auto it = pages.find(step / kPage);
        if (it == pages.end())
            it = pages.emplace(step / kPage, readStepTexts(ws, data, step / kPage * kPage, kPage)).first;
        if (std::size_t(step % kPage) < it->second.size()) {
            const StepText &t = it->second[std::size_t(step % kPage)];
            p.role = t.role;
            p.tool = t.tool;
            p.text = t.text;
        }
        return p;
    };
    std::vector<Item> items;
    items.reserve(entries.size());
    for (const auto &e : entries) {
        if (stale.load())
            return {};
        Item item;
        item.step = part(e.step);
        if (e.result >= 0) {
            item.hasResult = true;
            item.result = part(e.result);
        }
        items.push_back(std::move(item));
        // Pages behind the last entry are not needed again: entries come in step order.
        while (pages.size() > 2 && pages.begin()->first < e.step / kPage - 1)
            pages.erase(pages.begin());
    }
    return format(items);
}

} // namespace reverie::ui
