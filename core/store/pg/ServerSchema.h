#pragma once

namespace reverie::store {

// A server workspace starts at this schema version, created whole (ServerSchema.cpp); the
// numbered migrations after it (store/Schema.h) are written for both engines.
int serverSchemaBaseVersion();
// The statements that create it, for one transaction.
const char *serverSchemaSql();

} // namespace reverie::store
