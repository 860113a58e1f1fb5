// The review log: every decision, policy change and request, oldest first, with its hash.

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/store/ReviewLog.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>

namespace reverie::cli {

int decisionsCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    if (!ctx.parse(parser, QStringLiteral("decisions [--json]")))
        return 0;
    const std::vector<Review> reviews = store::ReviewLog(ctx.workspace(false)).all();
    if (ctx.json()) {
        Json list = Json::array();
        for (const Review &r : reviews) {
            list.push_back(Json{{"id", r.id},
                                {"proposal", r.proposalId ? Json(r.proposalId) : Json(nullptr)},
                                {"reviewer", u8(r.reviewer)},
                                {"decision", u8(r.decision)},
                                {"comment", u8(r.comment)},
                                {"text", nullable(r.editedText)},
                                {"version", r.producedVersion ? Json(r.producedVersion) : Json(nullptr)},
                                {"time", r.createdMs},
                                {"detail", Json::parse(r.detail.toStdString(), nullptr, false, true).is_discarded()
                                               ? Json(nullptr)
                                               : Json::parse(r.detail.toStdString(), nullptr, false, true)},
                                {"signed", !r.signature.isEmpty()}});
        }
        printJson(ctx.out(), list);
        return 0;
    }
    for (const Review &r : reviews) {
        ctx.out() << '#' << r.id << "  " << isoTime(r.createdMs) << "  " << r.decision << " by " << r.reviewer;
        if (r.proposalId)
            ctx.out() << " (proposal " << r.proposalId << ')';
        if (r.producedVersion)
            ctx.out() << " -> v" << r.producedVersion;
        if (!r.signature.isEmpty())
            ctx.out() << " [signed]";
        if (r.decision == QLatin1String("policy") || r.decision == QLatin1String("request"))
            ctx.out() << ": " << r.editedText;
        if (!r.comment.isEmpty())
            ctx.out() << (r.decision == QLatin1String("policy") || r.decision == QLatin1String("request") ? " — " : ": ")
                      << r.comment;
        ctx.out() << '\n';
    }
    if (reviews.empty())
        ctx.out() << "no decisions yet\n";
    return 0;
}

} // namespace reverie::cli
