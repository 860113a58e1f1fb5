#pragma once

#include "core/dream/DreamPass.h"

#include <QFuture>

class QThreadPool;

namespace reverie::dream {

// Starts dream passes in the background. The future reports progress (0..100 with the stage
// as text) and can be cancelled at any point: the pass then stores no proposals and records
// its run as cancelled. The pass opens its own workspace connection on the worker thread.
// The future's single result is the DreamResult; a cancelled future carries none (read the
// run from the workspace), and a pass that could not even record its run reports the error
// as the future's exception.
class DreamRunner {
public:
    static QFuture<DreamResult> start(DreamRequest request, QThreadPool *pool = nullptr);
};

} // namespace reverie::dream
