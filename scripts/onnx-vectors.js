// Runs an ONNX model exported by `corvid net export --format onnx` in onnxruntime on
// every position of an NNUE vector file and compares psqt_raw and positional_raw exactly.
//   node scripts/onnx-vectors.js MODEL.onnx VECTORS.csv FEATURES.txt
// FEATURES.txt is `corvid net features` run on the vector file's FENs, line for line
// (two more columns for Full_Threats nets: the threat indices of both sides, `-` for none).
// Prints "onnx-vectors: <n> positions, <m> mismatches"; exit status 0 only when m is 0.
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

function vectorLines(path) {
  // positions: fen;bucket;psqt;positional   games: game;ply;move;fen;bucket;psqt;positional
  return fs.readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => {
    const f = l.split(';');
    const n = f.length;
    return { fen: f[n - 4], bucket: Number(f[n - 3]), psqt: Number(f[n - 2]), positional: Number(f[n - 1]) };
  });
}

// A comma-separated list as an int64 tensor; `-` (none active) becomes the padding index.
const THREAT_PADDING = 79856n;
function indexTensor(list) {
  const values = list === '-' ? [THREAT_PADDING] : list.split(',').map((v) => BigInt(v));
  return new ort.Tensor('int64', BigInt64Array.from(values), [values.length]);
}

async function main() {
  const [modelPath, vectorPath, featurePath] = process.argv.slice(2);
  if (!featurePath) {
    console.error('usage: node onnx-vectors.js MODEL.onnx VECTORS.csv FEATURES.txt');
    process.exit(2);
  }
  const vectors = vectorLines(vectorPath);
  const features = fs.readFileSync(featurePath, 'utf8').split('\n').filter((l) => l.trim());
  if (features.length !== vectors.length) {
    console.error(`onnx-vectors: ${vectors.length} vectors but ${features.length} feature lines`);
    process.exit(2);
  }
  const session = await ort.InferenceSession.create(modelPath);
  let mismatches = 0;
  for (let i = 0; i < vectors.length; ++i) {
    const v = vectors[i];
    const [bucket, us, them, usThreats, themThreats] = features[i].split(' ');
    if (bucket === 'error:' || us === undefined || them === undefined) {
      console.error(`line ${i + 1}: no features for ${v.fen}: ${features[i]}`);
      ++mismatches;
      continue;
    }
    const feeds = {
      us_features: indexTensor(us),
      them_features: indexTensor(them),
      bucket: new ort.Tensor('int64', BigInt64Array.from([BigInt(bucket)]), []),
    };
    if (themThreats !== undefined) {  // Full_Threats nets
      feeds.us_threat_features = indexTensor(usThreats);
      feeds.them_threat_features = indexTensor(themThreats);
    }
    const out = await session.run(feeds);
    const psqt = Number(out.psqt_raw.data[0]), positional = Number(out.positional_raw.data[0]);
    if (Number(bucket) !== v.bucket || psqt !== v.psqt || positional !== v.positional) {
      if (++mismatches <= 10)
        console.error(`line ${i + 1}: ${v.fen}: expected ${v.bucket} ${v.psqt} ${v.positional}, ` +
                      `got ${bucket} ${psqt} ${positional}`);
    }
  }
  console.log(`onnx-vectors: ${vectors.length} positions, ${mismatches} mismatches`);
  process.exit(mismatches === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`onnx-vectors: ${e.message}`);
  process.exit(2);
});
