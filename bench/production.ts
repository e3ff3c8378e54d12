/**
 * Imported first by the benchmarks that run the service: the service as deployed runs with
 * NODE_ENV=production (Dockerfile, docker-compose), and graphql-js reads it once, when it is
 * loaded, to drop its development-mode checks. The benchmarks measure that service.
 */
process.env.NODE_ENV ??= 'production';
