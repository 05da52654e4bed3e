// Setup file of the "unit" vitest project.
import "./setup-env";

// Unit tests do not get a database: never let a developer's shell DATABASE_URL leak into them.
// (Should a unit test open one anyway, it gets an embedded PGlite inside the temporary RAQI_DATA_DIR.)
delete process.env.DATABASE_URL;
