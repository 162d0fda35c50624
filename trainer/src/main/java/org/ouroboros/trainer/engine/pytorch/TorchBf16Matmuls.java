package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Matrix products in bfloat16 with float32 tensors on both sides, the way {@code torch.autocast} runs them:
 * each input is cast to bfloat16 inside libtorch, the product runs there (float32 accumulation, a bfloat16
 * result), and the result is cast back to float32; autograd records the casts, so the gradients reaching the
 * float32 weights are float32.
 *
 * <p>Why through TorchScript: DJL 0.33's JNI cannot hold a bfloat16 tensor (its dtype switch,
 * {@code GetScalarTypeFromDType}, has no case for it and aborts the JVM) and has no autocast entry point. A
 * TorchScript module whose methods do the casts keeps every bfloat16 tensor inside libtorch. The module is
 * built here, at run time, as the zip archive {@code torch.jit.save} writes (a pickled module object, its
 * TorchScript source, which libtorch compiles when it loads it, an empty constants table and a format version),
 * so neither Python nor a binary resource is needed. Its methods run with autograd on: DJL's
 * {@code IValueUtils.forward(block, inputs, true)} calls {@code moduleRunMethod} with {@code is_train} set,
 * which skips the inference-mode guard that every other module call of DJL's takes.
 */
final class TorchBf16Matmuls implements TorchMatmuls {
    /**
     * The module's code as {@code torch.jit.save} serializes it (format version 3, as PyTorch 1.13 writes it;
     * libtorch 2.5 reads it). In {@code torch.to(x, n)} the dtype is a {@code c10::ScalarType} code: 15 is
     * bfloat16, 6 float32.
     */
    static final String SOURCE = """
            class Bf16Matmuls(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def linear(self: __torch__.Bf16Matmuls,
                x: Tensor,
                w: Tensor,
                b: Tensor) -> Tensor:
                _0 = torch.linear(torch.to(x, 15), torch.to(w, 15), torch.to(b, 15))
                return torch.to(_0, 6)
              def linear_nobias(self: __torch__.Bf16Matmuls,
                x: Tensor,
                w: Tensor) -> Tensor:
                _1 = torch.linear(torch.to(x, 15), torch.to(w, 15))
                return torch.to(_1, 6)
              def matmul(self: __torch__.Bf16Matmuls,
                a: Tensor,
                b: Tensor) -> Tensor:
                _2 = torch.matmul(torch.to(a, 15), torch.to(b, 15))
                return torch.to(_2, 6)
            """;

    private final PtSymbolBlock module;
    private final NDArray linear;
    private final NDArray linearNoBias;
    private final NDArray matmul;

    /** Loads the module on {@code manager}'s device; it and its method selectors are closed with the manager. */
    TorchBf16Matmuls(NDManager manager) {
        try {
            module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive()), true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        linear = selector(manager, "linear");
        linearNoBias = selector(manager, "linear_nobias");
        matmul = selector(manager, "matmul");
    }

    @Override
    public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return bias == null ? call(linearNoBias, x, weight) : call(linear, x, weight, bias);
    }

    @Override
    public NDArray matMul(NDArray a, NDArray b) {
        return call(matmul, a, b);
    }

    /**
     * Runs the method {@code selector} names on {@code inputs}, autograd on. DJL reads an input whose name
     * contains a dot as an entry of a dict argument, and the weights carry their HF names
     * ({@code model.decoder...}), so each input goes in as an unnamed view of itself (autograd passes the
     * gradient through the view to the weight).
     */
    private NDArray call(NDArray selector, NDArray... inputs) {
        NDList list = new NDList(inputs.length + 1);
        for (NDArray in : inputs) {
            list.add(in.getName() == null ? in : in.reshape(in.getShape()));
        }
        list.add(selector);
        return IValueUtils.forward(module, list, true).singletonOrThrow();
    }

    /** DJL calls the method an input named {@code module_method:NAME} names (the input itself is not passed). */
    private static NDArray selector(NDManager manager, String method) {
        NDArray s = manager.create(0f);
        s.setName("module_method:" + method);
        NDScope.unregister(s);                           // lives as long as the model, not the caller's scope
        return s;
    }

    /** The TorchScript archive: the zip {@code torch.jit.save} would write for {@link #SOURCE}. */
    static byte[] archive() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "archive/data.pkl", moduleObjectPickle());
            put(zip, "archive/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
            put(zip, "archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});     // an empty tuple
            put(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Pickle protocol 2 for {@code __torch__.Bf16Matmuls()} with the state {@code {"training": True}}. */
    private static byte[] moduleObjectPickle() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);                                                   // PROTO 2
        p.write(2);
        p.writeBytes("c__torch__\nBf16Matmuls\n".getBytes(StandardCharsets.US_ASCII));   // GLOBAL
        p.write(')');                                                    // EMPTY_TUPLE
        p.write(0x81);                                                   // NEWOBJ
        p.write('}');                                                    // EMPTY_DICT
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X');                                                    // BINUNICODE, 4-byte little-endian length
        p.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
        p.writeBytes(key);
        p.write(0x88);                                                   // NEWTRUE
        p.write('s');                                                    // SETITEM
        p.write('b');                                                    // BUILD
        p.write('.');                                                    // STOP
        return p.toByteArray();
    }

    /** A stored (uncompressed) entry with a fixed time. */
    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        e.setCrc(crc.getValue());
        e.setTime(315532800000L);                                        // 1980-01-01, zip's epoch
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
