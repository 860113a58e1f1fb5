#pragma once

#include "core/review/Ledger.h"

class QCommandLineOption;
class QCommandLineParser;

namespace reverie::store {
class Workspace;
}

namespace reverie::cli {

class CliContext;

// --sign-key KEY: the SSH private key that signs a decision (default: $REVERIE_SIGNING_KEY).
const QCommandLineOption &signKeyOption();
// A ledger on `ws` that signs with the key the command line or the environment names.
review::Ledger signingLedger(store::Workspace &ws, const QCommandLineParser &parser);
// Prints what a decision did (text or --json); a rebase is a refusal (throws CliError).
int reportDecision(CliContext &ctx, qint64 proposal, const review::DecisionResult &r);

} // namespace reverie::cli
