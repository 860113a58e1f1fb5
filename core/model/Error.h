#pragma once

#include <QString>

#include <stdexcept>

namespace reverie {

// The base of every error core reports: a message a person can act on.
class Error : public std::runtime_error {
public:
    explicit Error(const QString &message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

} // namespace reverie
