import assert from 'node:assert/strict';
import { findWavLiterals, literalAt } from '../../../src/host/takeLiterals';

const values = (text: string) => findWavLiterals(text).map((l) => l.value);

describe('takeLiterals: .wav string literals in source code', () => {
  it('TypeScript: exact offsets of the content inside the quotes', () => {
    const text = "const kick = load('takes/clipped-drums.wav');\n";
    const [lit, ...rest] = findWavLiterals(text);
    assert.deepEqual(rest, []);
    assert.deepEqual(lit, { value: 'takes/clipped-drums.wav', start: 19, end: 42 });
    assert.equal(text.slice(lit!.start, lit!.end), 'takes/clipped-drums.wav');
    assert.equal(text[lit!.start - 1], "'");
    assert.equal(text[lit!.end], "'");
  });

  it('several languages and quote kinds', () => {
    assert.deepEqual(values('sound = AudioSegment.from_wav("takes/vox-1.wav")  # Python'), ['takes/vox-1.wav']);
    assert.deepEqual(values('let t = include_bytes!("../takes/Kick.WAV");'), ['../takes/Kick.WAV']);
    assert.deepEqual(values('f, _ := os.Open(`takes/gtr 2.wav`)'), ['takes/gtr 2.wav']);
    assert.deepEqual(values('sox "in.wav" \'out.wav\' gain -3'), ['in.wav', 'out.wav']);
    assert.deepEqual(values('{ "intro": "a.wav", "outro": "b.wav" }'), ['a.wav', 'b.wav']);
    assert.deepEqual(values('take: "takes/x.wav"\nnext: \'y.wav\'\n'), ['takes/x.wav', 'y.wav']);
  });

  it('escaped quotes and backslashes are part of the string and unescaped in the value', () => {
    const text = 'play("it\\"s \\\\ here.wav")';
    const [lit] = findWavLiterals(text);
    assert.equal(lit!.value, 'it"s \\ here.wav');
    assert.equal(text.slice(lit!.start, lit!.end), 'it\\"s \\\\ here.wav');
    assert.deepEqual(values("x = 'don\\'t.wav'"), ["don't.wav"]);
  });

  it('no match for .wave, .wav.bak, a bare ".wav", or a path split over lines', () => {
    assert.deepEqual(values('"take.wave" "take.wav.bak" ".wav" "a\nb.wav"'), []);
  });

  it('an apostrophe in a comment does not swallow the string after it', () => {
    assert.deepEqual(values('// don\'t touch\nload("keep.wav")'), ['keep.wav']);
    const text = '# it\'s the take: "vox.wav"';
    const [lit] = findWavLiterals(text);
    assert.equal(lit!.value, 'vox.wav');
    assert.equal(lit!.start, text.indexOf('vox.wav'));
  });

  it('template literals with interpolation are skipped (the path is only known at run time)', () => {
    assert.deepEqual(values('load(`takes/${name}.wav`); load(`takes/fixed.wav`)'), ['takes/fixed.wav']);
  });

  it('literalAt: the literal under the cursor, quotes included', () => {
    const text = 'a("x.wav", "y.wav")';
    const lits = findWavLiterals(text);
    assert.equal(literalAt(lits, text.indexOf('x.wav'))?.value, 'x.wav');
    assert.equal(literalAt(lits, text.indexOf('"x.wav"'))?.value, 'x.wav');
    assert.equal(literalAt(lits, text.indexOf('y.wav') + 3)?.value, 'y.wav');
    assert.equal(literalAt(lits, 0), undefined);
  });
});
