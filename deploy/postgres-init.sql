-- Run once by the postgres image on an empty data volume (deploy/compose.yaml): one database per
-- back alias besides `weblys` (POSTGRES_DB), all owned by the weblys user.
CREATE DATABASE weblys_catalog OWNER weblys;
CREATE DATABASE weblys_rules OWNER weblys;
CREATE DATABASE weblys_param OWNER weblys;
CREATE DATABASE weblys_security OWNER weblys;
CREATE DATABASE weblys_customlogin OWNER weblys;
CREATE DATABASE weblys_wecrm OWNER weblys;
CREATE DATABASE weblys_diagtree OWNER weblys;
CREATE DATABASE weblys_procable OWNER weblys;
