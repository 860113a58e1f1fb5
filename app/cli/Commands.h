#pragma once

namespace reverie::cli {

class CliContext;

// One function per sub-command; each parses its own options from ctx.args().
int importCommand(CliContext &ctx);
int formatsCommand(CliContext &ctx);
int trajectoriesCommand(CliContext &ctx);
int showCommand(CliContext &ctx);
int verifyCommand(CliContext &ctx);
// reverie workspace copy SRC DST.
int workspaceCommand(CliContext &ctx);
// The demo workspace, as the desktop app builds it on first start.
int demoCommand(CliContext &ctx);

// The playbook ledger.
int approveCommand(CliContext &ctx);
int rejectCommand(CliContext &ctx);
int editCommand(CliContext &ctx);
int proposeCommand(CliContext &ctx);
int rollbackCommand(CliContext &ctx);
int revertCommand(CliContext &ctx);
int historyCommand(CliContext &ctx);
int diffCommand(CliContext &ctx);
int playbookCommand(CliContext &ctx);
int publishCommand(CliContext &ctx);
int policyCommand(CliContext &ctx);
int statsCommand(CliContext &ctx);
int decisionsCommand(CliContext &ctx);
int attributeCommand(CliContext &ctx);
int watchCommand(CliContext &ctx);
// After approval: regressed versions and the first bad one (exit kRegressionFoundExit when found).
int regressionsCommand(CliContext &ctx);
int bisectCommand(CliContext &ctx);

// The dream pass.
int dreamCommand(CliContext &ctx);
int proposalsCommand(CliContext &ctx);

} // namespace reverie::cli
