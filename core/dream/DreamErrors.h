#pragma once

#include "core/model/Error.h"

namespace reverie::dream {

// Thrown inside a pass when the user cancelled; the runner records the run as cancelled.
class DreamCancelled : public reverie::Error {
public:
    DreamCancelled() : reverie::Error(QStringLiteral("cancelled")) {}
};

// A pass that cannot finish (e.g. a model's answer failed validation); the message is
// recorded as the dream run's error.
class DreamFailed : public reverie::Error {
public:
    using reverie::Error::Error;
};

} // namespace reverie::dream
