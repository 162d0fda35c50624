package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.checkpoint.OptTensorNames;
import java.util.Map;

/**
 * A plain-Java, double-precision OPT forward pass written straight from HuggingFace's modeling_opt.py,
 * loop by loop, sharing no code with {@link OptModel}. Tests compare the ND4J model against it.
 */
final class ReferenceOpt {
    private final OptConfig c;
    private final Map<String, float[]> w;

    ReferenceOpt(OptConfig config, Map<String, float[]> weights) {
        this.c = config;
        this.w = weights;
    }

    /** Logits [T][V] for one sequence. */
    double[][] logits(int[] ids) {
        int t = ids.length;
        int h = c.hiddenSize();
        double[][] x = new double[t][h];
        float[] wte = w.get(OptTensorNames.EMBED_TOKENS);
        float[] wpe = w.get(OptTensorNames.EMBED_POSITIONS);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < h; j++) {
                x[i][j] = wte[ids[i] * h + j] + wpe[(i + 2) * h + j];   // positions offset by 2
            }
        }
        for (int layer = 0; layer < c.numLayers(); layer++) {
            String p = "model.decoder.layers." + layer + ".";
            double[][] n1 = layerNorm(x, w.get(p + "self_attn_layer_norm.weight"), w.get(p + "self_attn_layer_norm.bias"));
            double[][] attn = attention(n1, p);
            add(x, attn);
            double[][] n2 = layerNorm(x, w.get(p + "final_layer_norm.weight"), w.get(p + "final_layer_norm.bias"));
            double[][] f1 = linear(n2, w.get(p + "fc1.weight"), w.get(p + "fc1.bias"), c.ffnDim());
            for (double[] row : f1) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.max(0, row[j]);
                }
            }
            add(x, linear(f1, w.get(p + "fc2.weight"), w.get(p + "fc2.bias"), h));
        }
        double[][] hf = layerNorm(x, w.get(OptTensorNames.FINAL_NORM_WEIGHT), w.get(OptTensorNames.FINAL_NORM_BIAS));
        double[][] logits = new double[t][c.vocabSize()];
        for (int i = 0; i < t; i++) {
            for (int v = 0; v < c.vocabSize(); v++) {
                double s = 0;
                for (int j = 0; j < h; j++) {
                    s += hf[i][j] * wte[v * h + j];
                }
                logits[i][v] = s;
            }
        }
        return logits;
    }

    private double[][] attention(double[][] x, String p) {
        int t = x.length;
        int h = c.hiddenSize();
        int hs = c.headDim();
        double scale = Math.pow(hs, -0.5);
        double[][] q = linear(x, w.get(p + "self_attn.q_proj.weight"), w.get(p + "self_attn.q_proj.bias"), h);
        double[][] k = linear(x, w.get(p + "self_attn.k_proj.weight"), w.get(p + "self_attn.k_proj.bias"), h);
        double[][] v = linear(x, w.get(p + "self_attn.v_proj.weight"), w.get(p + "self_attn.v_proj.bias"), h);
        double[][] y = new double[t][h];
        for (int head = 0; head < c.numHeads(); head++) {
            int o = head * hs;
            for (int i = 0; i < t; i++) {
                double[] s = new double[i + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    for (int d = 0; d < hs; d++) {
                        s[j] += q[i][o + d] * scale * k[j][o + d];
                    }
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j <= i; j++) {
                    s[j] = Math.exp(s[j] - max);
                    z += s[j];
                }
                for (int j = 0; j <= i; j++) {
                    for (int d = 0; d < hs; d++) {
                        y[i][o + d] += s[j] / z * v[j][o + d];
                    }
                }
            }
        }
        return linear(y, w.get(p + "self_attn.out_proj.weight"), w.get(p + "self_attn.out_proj.bias"), h);
    }

    /** x W^T + b with W stored [out, in]. */
    private static double[][] linear(double[][] x, float[] weight, float[] bias, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int j = 0; j < in; j++) {
                    s += x[i][j] * weight[o * in + j];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    private static double[][] layerNorm(double[][] x, float[] gamma, float[] beta) {
        double[][] y = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            double mean = 0;
            for (double v : x[i]) {
                mean += v;
            }
            mean /= x[i].length;
            double var = 0;
            for (double v : x[i]) {
                var += (v - mean) * (v - mean);
            }
            var /= x[i].length;
            for (int j = 0; j < x[i].length; j++) {
                y[i][j] = (x[i][j] - mean) / Math.sqrt(var + 1e-5) * gamma[j] + beta[j];
            }
        }
        return y;
    }

    private static void add(double[][] x, double[][] y) {
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] += y[i][j];
            }
        }
    }
}
