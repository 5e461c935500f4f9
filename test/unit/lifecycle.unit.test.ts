import * as assert from 'node:assert/strict';
import { Disposable, Emitter, MutableDisposable, toDisposable } from '../../src/core/common/lifecycle';

class Owner extends Disposable {
  register(fn: () => void) {
    return this._register(toDisposable(fn));
  }
}

describe('lifecycle', () => {
  it('disposes everything registered, once', () => {
    const calls: string[] = [];
    const o = new Owner();
    o.register(() => calls.push('a'));
    o.register(() => calls.push('b'));
    o.dispose();
    o.dispose();
    assert.deepEqual(calls, ['a', 'b']);
  });

  it('disposes at once what is registered after dispose', () => {
    let n = 0;
    const o = new Owner();
    o.dispose();
    o.register(() => n++);
    assert.equal(n, 1);
  });

  it('keeps disposing when one disposable throws, then rethrows', () => {
    const calls: string[] = [];
    const o = new Owner();
    o.register(() => {
      throw new Error('boom');
    });
    o.register(() => calls.push('after'));
    assert.throws(() => o.dispose(), /boom/);
    assert.deepEqual(calls, ['after']);
  });

  it('MutableDisposable disposes the value it replaces', () => {
    const calls: string[] = [];
    const holder = new MutableDisposable();
    holder.value = toDisposable(() => calls.push('first'));
    holder.value = toDisposable(() => calls.push('second'));
    assert.deepEqual(calls, ['first']);
    holder.dispose();
    assert.deepEqual(calls, ['first', 'second']);
  });

  it('Emitter delivers to listeners until they are disposed', () => {
    const e = new Emitter<number>();
    const got: number[] = [];
    const sub = e.event((n) => got.push(n));
    e.fire(1);
    sub.dispose();
    e.fire(2);
    assert.deepEqual(got, [1]);
  });
});
