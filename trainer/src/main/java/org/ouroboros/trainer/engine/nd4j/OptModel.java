package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.Batch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.Loss;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.Snapshot;
import org.ouroboros.trainer.optim.AdamW;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The OPT decoder as HuggingFace's {@code OPTForCausalLM} computes it: token embedding plus a learned
 * position embedding (looked up at position + 2), pre-LayerNorm blocks, a final LayerNorm, and an LM head
 * tied to the token embedding. Forward and backward are written out over ND4J ops into buffers allocated
 * once per batch shape (see {@link Activations}), so the same code runs on any ND4J backend.
 *
 * <p>As the ND4J engine's {@link LanguageModel} it also keeps the AdamW moments ({@link Nd4jAdamW}) and
 * decodes through {@link Nd4jDecoder}.
 */
public final class OptModel implements LanguageModel {
    private final OptConfig config;
    private final Parameters params;
    private Parameters grads;
    private Nd4jAdamW adam;
    /** Bumped whenever the weights may have changed, so cached decode weights are rebuilt. */
    private long weightsVersion;
    private DecodeWeights decodeWeights;
    private long decodeWeightsVersion = -1;
    /** Buffers per batch shape; a few shapes recur (train, eval, decode), so the least recently used go. */
    private final Map<String, Activations> buffers = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Activations> eldest) {
            return size() > MAX_BUFFER_SHAPES;
        }
    };
    private static final int MAX_BUFFER_SHAPES = 6;

    /** A model over existing parameters (loaded from a checkpoint, or shared with an optimizer). */
    public OptModel(Parameters params) {
        this.config = params.config();
        this.params = params;
    }

    /** A new model with HF's initialisation (std 0.02) drawn from {@code seed}. */
    public static OptModel initialize(OptConfig config, long seed, DataType type) {
        Parameters p = Parameters.zeros(ParameterLayout.of(config), type);
        p.initialize(seed, 0.02);
        return new OptModel(p);
    }

    @Override
    public OptConfig config() {
        return config;
    }

    @Override
    public Nd4jEngine engine() {
        return Nd4jEngine.current();
    }

    /** The weights; a caller may change them (cached decode weights are then rebuilt). */
    public Parameters parameters() {
        weightsVersion++;
        return params;
    }

    /** Gradient buffer, same layout as the parameters; {@link #forwardBackward} accumulates into it. */
    public Parameters gradients() {
        if (grads == null) {
            grads = Parameters.zeros(params.layout(), params.flat().dataType());
        }
        return grads;
    }

    /** Drops cached activation buffers (e.g. after a run of one-off eval shapes). */
    public void releaseBuffers() {
        buffers.clear();
    }

    /**
     * Forward and backward over {@code batch}; parameter gradients of {@code gradScale * sum of weighted
     * token NLLs} are ADDED to {@link #gradients()} (zero them between optimizer steps).
     *
     * @return the summed weighted NLL in nats and the summed weight
     */
    @Override
    public Loss forwardBackward(Batch batch, double gradScale) {
        Activations a = activations(batch.size(), batch.length(), true);
        forward(a, batch);
        INDArray weights = NdOps.fill(a.loss.weights, batch.weights());
        Loss loss = new Loss(Nd4j.getBlasWrapper().dot(a.loss.nll, weights), batch.targetCount());
        Transfers.toHost();
        backward(a, weights.muli(gradScale), null);
        return loss;
    }

    /** L2-SP: adds {@code weight * (theta - theta_base)} to the gradients; returns the squared distance. */
    @Override
    public double addL2Pull(LanguageModel base, double weight) {
        INDArray theta = params.flat();
        INDArray diff = theta.sub(LanguageModel.sameKind(this, base, OptModel.class).params.flat()
                .castTo(theta.dataType()));
        double norm = diff.norm2Number().doubleValue();
        gradients().flat().addi(diff.muli(weight));
        return norm * norm;
    }

    /** The KL anchor on {@code batch}: the base's log-probabilities, then {@link #klBackward}. */
    @Override
    public double addKlPull(Batch batch, double scale, LanguageModel base) {
        OptModel b = LanguageModel.sameKind(this, base, OptModel.class);
        Activations a = b.activations(batch.size(), batch.length(), false);
        b.forwardLogits(a, batch.ids());
        return klBackward(batch, scale, KlAnchorHead.logSoftmax(a.logits));
    }

    /**
     * Adds to the gradients only those of {@code scale * sum over weighted positions of KL(p_ref || p_model)},
     * {@code refLogProbs} ({@code [B*T, V]}) a reference model's log-probabilities on the same batch (the KL
     * anchor, see {@link KlAnchorHead}); returns that weighted KL sum (nats).
     */
    double klBackward(Batch batch, double scale, INDArray refLogProbs) {
        Activations a = activations(batch.size(), batch.length(), true);
        forwardLogits(a, batch.ids());
        INDArray weights = NdOps.fill(a.loss.weights, batch.weights());
        double[] kl = new double[1];
        INDArray grad = KlAnchorHead.gradient(a.logits, refLogProbs, weights, kl).muli(scale);
        backward(a, null, grad);
        return kl[0];
    }

    @Override
    public void zeroGradients() {
        gradients().flat().assign(0);
    }

    @Override
    public double clipGradients(double maxNorm) {
        return Nd4jAdamW.clipGradNorm(gradients(), maxNorm);
    }

    @Override
    public void adamWStep(AdamW.Config config, double lr) {
        if (adam == null) {
            adam = new Nd4jAdamW(params);
        }
        adam.step(params, gradients(), config, lr);
        weightsVersion++;
    }

    @Override
    public void resetOptimizer() {
        if (adam != null) {
            adam.close();
            adam = null;
        }
    }

    /** Per-position NLL in nats ({@code B*T} values, 0 where the weight is 0). No gradients. */
    @Override
    public double[] tokenNll(Batch batch) {
        Activations a = activations(batch.size(), batch.length(), false);
        forward(a, batch);
        double[] nll = a.loss.nll.toDoubleVector();
        Transfers.toHost();
        for (int i = 0; i < nll.length; i++) {
            nll[i] *= batch.weights()[i];
        }
        return nll;
    }

    /**
     * Entropy (nats) of the next-token distribution at every position of equal-length rows
     * ({@code B*T} values, row-major): how uncertain the model is, e.g. on its own samples.
     */
    @Override
    public double[] tokenEntropy(int[][] rows) {
        Activations a = activations(rows.length, rows[0].length, false);
        forwardLogits(a, flatten(rows));
        LossHead.entropy(a.logits, a.logitsScratch(), a.loss);
        Transfers.toHost();
        return a.loss.nll.toDoubleVector();
    }

    /** Logits {@code [B*T, V]} for a batch of equal-length id rows; a fresh copy. */
    public INDArray logitsArray(int[][] rows) {
        Activations a = activations(rows.length, rows[0].length, false);
        forwardLogits(a, flatten(rows));
        return a.logits.dup();
    }

    @Override
    public float[][] logits(int[][] rows) {
        return logitsArray(rows).castTo(DataType.FLOAT).toFloatMatrix();
    }

    /** Mean final hidden state of each row, averaged in double on the host. */
    @Override
    public double[][] meanHiddenStates(int[][] rows) {
        int len = rows[0].length;
        int c = config.hiddenSize();
        Activations a = activations(rows.length, len, false);
        forwardLogits(a, flatten(rows));
        double[] h = a.finalNorm.out.reshape(-1).toDoubleVector();    // [B*T, C] row-major
        double[][] out = new double[rows.length][c];
        for (int r = 0; r < rows.length; r++) {
            for (int t = 0; t < len; t++) {
                int base = (r * len + t) * c;
                for (int j = 0; j < c; j++) {
                    out[r][j] += h[base + j] / len;
                }
            }
        }
        return out;
    }

    @Override
    public Decoder newDecoder(int batch, int capacity) {
        if (decodeWeights == null || decodeWeightsVersion != weightsVersion) {
            decodeWeights = decodeWeights();
            decodeWeightsVersion = weightsVersion;
        }
        return new Nd4jDecoder(this, newCache(batch, capacity, decodeWeights));
    }

    @Override
    public Snapshot snapshot() {
        return new Nd4jSnapshot(this, params.flat().dup());
    }

    @Override
    public void restore(Snapshot snapshot) {
        params.flat().assign(Nd4jSnapshot.of(snapshot, this));
        weightsVersion++;
    }

    @Override
    public Map<String, Tensor> tensors() {
        return new ParameterTensors(params);
    }

    @Override
    public void close() {
        resetOptimizer();
        buffers.clear();
        decodeWeights = null;
    }

    /** An empty KV cache for {@code batch} sequences of up to {@code capacity} tokens, decoding with the current weights. */
    public KvCache newCache(int batch, int capacity) {
        return newCache(batch, capacity, decodeWeights());
    }

    /** As {@link #newCache(int, int)}, sharing weights made by {@link #decodeWeights()} across caches. */
    public KvCache newCache(int batch, int capacity, DecodeWeights weights) {
        if (capacity > config.maxPositions()) {
            throw new IllegalArgumentException("cache capacity " + capacity + " exceeds max_position_embeddings "
                    + config.maxPositions());
        }
        return new KvCache(config, batch, capacity, params.flat().dataType(), weights);
    }

    /** The current parameters rearranged for decoding (see {@link DecodeWeights}); a snapshot. */
    public DecodeWeights decodeWeights() {
        return new DecodeWeights(params);
    }

    /** Appends {@code tokens} (one equal-length row per cached sequence) and returns last-position logits [B, V]. */
    public INDArray decode(KvCache cache, int[][] tokens) {
        return IncrementalDecoder.step(this, cache, tokens);
    }

    Activations activations(int batch, int length, boolean training) {
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException("sequence length " + length + " exceeds max_position_embeddings "
                    + config.maxPositions());
        }
        String key = batch + "x" + length + (training ? "t" : "i");
        return buffers.computeIfAbsent(key,
                k -> new Activations(config, batch, length, training, params.flat().dataType()));
    }

    /** Token plus position embeddings of {@code ids} (row-major [B, T]) into {@code a.x}; positions start at {@code past}. */
    void embed(Activations a, int[] ids, int past) {
        NdOps.fill(a.ids, ids);
        a.hostIds = ids;
        int b = a.shape.b();
        long width = (long) a.shape.t() * a.shape.c();
        INDArray positions = NdOps.view(params.embedPositions(),
                (long) (past + OptConfig.POSITION_OFFSET) * a.shape.c(), width);   // rows past+2 .. past+T+1
        if (HostMath.supports(params.embedTokens(), positions, a.x)) {
            HostMath.embed(params.embedTokens(), ids, positions, a.shape.t(), a.x);
            return;
        }
        NdOps.gatherRows(params.embedTokens(), a.ids, a.x);
        NdOps.addRow(NdOps.view(a.x, 0, b, width), positions);
    }

    private void forward(Activations a, Batch batch) {
        forwardLogits(a, batch.ids());
        LossHead.forward(a.logits, batch.targets(), a.loss);
    }

    void forwardLogits(Activations a, int[] ids) {
        embed(a, ids, 0);
        for (int i = 0; i < config.numLayers(); i++) {
            DecoderLayer.forward(params.layer(i), a.layers[i], a.layers[i].attention, a.x, a.mid,
                    a.shape.b(), a.shape.h());
        }
        LayerNorm.forward(a.x, params.finalNormWeight(), params.finalNormBias(), a.finalNorm);
        NdOps.gemm(a.finalNorm.out, params.embedTokens(), a.logits, false, true, 0.0);  // tied LM head
    }

    /**
     * Backward from the loss scaled per row by {@code rowScale}, plus {@code extraLogitGrad} on the logits'
     * gradient (either may be null; with no rowScale the logits' gradient is extraLogitGrad alone).
     */
    private void backward(Activations a, INDArray rowScale, INDArray extraLogitGrad) {
        Parameters g = gradients();
        Activations.Backward b = a.backward;
        if (rowScale != null) {
            LossHead.backward(a.logits, rowScale, a.loss);                              // logits -> dLogits
            if (extraLogitGrad != null) {
                a.logits.addi(extraLogitGrad);
            }
        } else {
            a.logits.assign(extraLogitGrad);
        }
        NdOps.gemm(a.logits, a.finalNorm.out, g.embedTokens(), true, false, 1.0);       // LM head part
        NdOps.gemm(a.logits, params.embedTokens(), b.dTmp, false, false, 0.0);
        LayerNorm.backward(b.dTmp, a.finalNorm, params.finalNormWeight(), g.finalNormWeight(),
                g.finalNormBias(), b.dx, b.norm, a.onesRows);
        for (int i = config.numLayers() - 1; i >= 0; i--) {
            DecoderLayer.backward(params.layer(i), g.layer(i), a.layers[i], b, a.onesRows,
                    a.shape.b(), a.shape.h());
        }
        NdOps.embeddingBackward(g.embedTokens(), a.ids, a.hostIds, b.dx);              // embedding part
        long width = (long) a.shape.t() * a.shape.c();
        INDArray dPositions = NdOps.view(g.embedPositions(), (long) OptConfig.POSITION_OFFSET * a.shape.c(),
                1, width);
        NdOps.gemm(a.onesBatch, NdOps.view(b.dx, 0, a.shape.b(), width), dPositions, false, false, 1.0);
    }

    static int[] flatten(int[][] rows) {
        int t = rows[0].length;
        int[] ids = new int[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != t) {
                throw new IllegalArgumentException("rows must have equal length: " + t + " and " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, ids, i * t, t);
        }
        return ids;
    }
}
