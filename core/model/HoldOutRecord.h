#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace reverie {

// How a mined rule fared on the newest runs its dream pass held back from mining; how the
// runs are chosen and when a rule holds is core/dream/HoldOut.h.
struct HoldOutRecord {
    enum class Result : int {
        None = 0,        // no check: a person's proposal, an older workspace, or the check was off
        Held = 1,        // tested on newer runs and it held
        NotHeld = 2,     // tested and it did not hold (such candidates are dropped, not stored)
        TooFewRuns = 3,  // not enough newer runs to test it; kept
        NotTested = 4,   // its text has none of the forms Reverie can replay (a model's free text)
    };
    Result result = Result::None;
    double share = 0;            // of each workflow's judged runs that were held out
    int heldOut = 0;             // newer runs of the rule's workflow held out; 0: too few runs to split
    int applicable = 0;          // ... where the rule applies (broke + kept)
    int agreed = 0;              // ... that went as it predicts: broke and failed, or kept and succeeded
    int broke = 0, brokeFailed = 0;
    int kept = 0, keptSucceeded = 0;
};

// "held", "did_not_hold", "too_few_runs", "not_tested"; empty for None.
QString holdOutResultName(HoldOutRecord::Result result);
std::optional<HoldOutRecord::Result> holdOutResultFromName(QStringView name);

} // namespace reverie
