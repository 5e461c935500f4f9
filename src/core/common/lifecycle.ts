// A small Disposable base, shaped like VS Code's own (src/vs/base/common/lifecycle.ts)
// but free of the 'vscode' module so core services can own resources too.

export interface DisposableLike {
  dispose(): void;
}

export function toDisposable(fn: () => void): DisposableLike {
  let done = false;
  return {
    dispose() {
      if (!done) {
        done = true;
        fn();
      }
    },
  };
}

export abstract class Disposable implements DisposableLike {
  private readonly _toDispose = new Set<DisposableLike>();
  private _isDisposed = false;

  protected get isDisposed(): boolean {
    return this._isDisposed;
  }

  protected _register<T extends DisposableLike>(d: T): T {
    if (this._isDisposed) {
      d.dispose();
    } else {
      this._toDispose.add(d);
    }
    return d;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    const errors: unknown[] = [];
    for (const d of this._toDispose) {
      try {
        d.dispose();
      } catch (e) {
        errors.push(e);
      }
    }
    this._toDispose.clear();
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed');
  }
}

/** Holds one disposable value that is replaced at run time; the old one is disposed. */
export class MutableDisposable<T extends DisposableLike> implements DisposableLike {
  private _value: T | undefined;

  get value(): T | undefined {
    return this._value;
  }

  set value(v: T | undefined) {
    if (this._value === v) return;
    this._value?.dispose();
    this._value = v;
  }

  dispose(): void {
    this.value = undefined;
  }
}

/** A minimal typed event, the same shape as vscode.Event, for core services. */
export type Listener<T> = (e: T) => void;
export type Event<T> = (listener: Listener<T>) => DisposableLike;

export class Emitter<T> implements DisposableLike {
  private readonly _listeners = new Set<Listener<T>>();

  readonly event: Event<T> = (listener) => {
    this._listeners.add(listener);
    return toDisposable(() => this._listeners.delete(listener));
  };

  fire(e: T): void {
    for (const l of [...this._listeners]) l(e);
  }

  dispose(): void {
    this._listeners.clear();
  }
}
