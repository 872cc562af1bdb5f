/** Runs async critical sections one after another, in the order they asked. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve()

  async run<T>(section: () => Promise<T>): Promise<T> {
    const previous = this.tail
    let release = () => {}
    this.tail = new Promise((resolve) => {
      release = resolve
    })
    await previous
    try {
      return await section()
    } finally {
      release()
    }
  }
}
