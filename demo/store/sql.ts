/**
 * How the queries reach a database: one statement at a time, `?` for each parameter. Each
 * engine has one for the whole store and one inside a transaction.
 */
export interface SqlRunner {
  all<Row>(sql: string, params?: unknown[]): Promise<Row[]>
  get<Row>(sql: string, params?: unknown[]): Promise<Row | undefined>
  run(sql: string, params?: unknown[]): Promise<void>
}
