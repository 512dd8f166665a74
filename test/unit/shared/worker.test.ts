import assert from 'node:assert/strict';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { TakeSeries } from '../../../src/core/analysis/types';
import { seriesTransferList } from '../../../src/shared/worker';

describe('worker channel: the series travels without a copy', () => {
  it('lists each buffer once, and posting with the list moves the arrays (the sender keeps none)', () => {
    const shared = new Float32Array(8);
    const series: TakeSeries = {
      // Two channels' views of one buffer: transferring a buffer twice would throw a DataCloneError.
      pyramid: [
        { bucketFrames: 256, minMax: [shared.subarray(0, 4), shared.subarray(4, 8)] },
        { bucketFrames: 512, minMax: [new Float32Array(2), new Float32Array(2)] },
      ],
      shortTermLufs: new Float32Array([-23, -22]),
      shortTermStepSeconds: 0.1,
      momentaryLufs: new Float32Array([-20]),
    };
    const list = seriesTransferList(series);
    assert.equal(list.length, 5);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(series, list);
    const got = receiveMessageOnPort(port2)?.message as TakeSeries;
    assert.deepEqual(Array.from(got.shortTermLufs), [-23, -22]);
    assert.equal(got.pyramid[0]!.minMax[1]!.length, 4);
    assert.equal(series.shortTermLufs.byteLength, 0);
    assert.equal(shared.byteLength, 0);
    port1.close();
    assert.deepEqual(seriesTransferList(undefined), []);
  });
});
