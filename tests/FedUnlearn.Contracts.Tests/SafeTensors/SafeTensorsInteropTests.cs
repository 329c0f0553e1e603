using System.Text.Json;
using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Contracts.Tests.SafeTensors;

/// <summary>Checks our files against an independent implementation of the public format
/// (Python's json + struct, and torch where installed), in both directions.</summary>
public class SafeTensorsInteropTests
{
    private const string IndependentReader = """
        import json, struct, sys
        raw = open(sys.argv[1], "rb").read()
        (n,) = struct.unpack("<Q", raw[:8])
        header = json.loads(raw[8:8 + n].decode("utf-8"))
        data = raw[8 + n:]
        codes = {"F32": ("f", 4), "F64": ("d", 8), "I64": ("q", 8)}
        out = {"aligned": (8 + n) % 8 == 0, "metadata": header.pop("__metadata__", {}), "tensors": {}}
        try:
            import torch
            torch_types = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64}
        except ImportError:
            torch = None
        end = 0
        for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
            b, e = info["data_offsets"]
            assert b == end, f"{name} not contiguous"
            end = e
            code, size = codes[info["dtype"]]
            count = (e - b) // size
            values = list(struct.unpack("<%d%s" % (count, code), data[b:e]))
            entry = {"dtype": info["dtype"], "shape": info["shape"], "values": values}
            if torch is not None and count > 0:
                t = torch.frombuffer(bytearray(data[b:e]), dtype=torch_types[info["dtype"]]).reshape(info["shape"])
                entry["torch_matches"] = t.flatten().tolist() == values
            out["tensors"][name] = entry
        assert end == len(data), "trailing bytes"
        print(json.dumps(out))
        """;

    private const string IndependentWriter = """
        import json, struct, sys
        # Deliberately unsorted names, an unpadded header with spaces, and non-ASCII metadata.
        tensors = [
            ("zeta.lora_B", "F32", [2, 2], struct.pack("<4f", 0.5, -1.25, 3.0e38, 1.0e-45)),
            ("alpha", "F64", [3], struct.pack("<3d", 3.141592653589793, -2.0e-308, 1.0e300)),
            ("count", "I64", [], struct.pack("<q", -9007199254740993)),
            ("mid", "F32", [0, 3], b""),
        ]
        header, offset = {"__metadata__": {"source": "python", "note": "\u00fcn\u00efcode \u2713"}}, 0
        for name, dtype, shape, blob in tensors:
            header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(blob)]}
            offset += len(blob)
        text = json.dumps(header).encode("utf-8")
        with open(sys.argv[1], "wb") as f:
            f.write(struct.pack("<Q", len(text)) + text + b"".join(t[3] for t in tensors))
        """;

    [PythonFact]
    public async Task IndependentReader_ReadsOurFile_WithExactValues()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ours.safetensors");
        float[] w = [1.5f, -2.25f, float.MaxValue, float.Epsilon, 1e-7f, -0f];
        await new SafeTensorsFile(
        [
            SafeTensor.FromSingles("layer.lora_A", [2, 3], w),
            SafeTensor.FromDoubles("b", [2], [Math.PI, -1e-300]),
            SafeTensor.FromInt64s("steps", [], [long.MinValue]),
            SafeTensor.FromSingles("empty", [0], []),
        ], [new("producer", "fedunlearn")]).WriteFileAsync(path);

        using var result = JsonDocument.Parse(await Python.RunAsync(IndependentReader, path));
        var root = result.RootElement;
        var tensors = root.GetProperty("tensors");

        Assert.True(root.GetProperty("aligned").GetBoolean());
        Assert.Equal("fedunlearn", root.GetProperty("metadata").GetProperty("producer").GetString());
        Assert.Equal(["b", "empty", "layer.lora_A", "steps"], tensors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var lora = tensors.GetProperty("layer.lora_A");
        Assert.Equal("F32", lora.GetProperty("dtype").GetString());
        Assert.Equal([2, 3], lora.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(w.Select(v => (double)v), lora.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([Math.PI, -1e-300], tensors.GetProperty("b").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(long.MinValue, tensors.GetProperty("steps").GetProperty("values")[0].GetInt64());
        Assert.Empty(tensors.GetProperty("steps").GetProperty("shape").EnumerateArray());
        foreach (var t in tensors.EnumerateObject())
            if (t.Value.TryGetProperty("torch_matches", out var matches)) Assert.True(matches.GetBoolean(), t.Name);
    }

    [PythonFact]
    public async Task Read_FileFromIndependentWriter_GivesExactValuesAndMetadata()
    {
        using var dir = new TempDirectory();
        var path = dir.File("theirs.safetensors");
        await Python.RunAsync(IndependentWriter, path);

        var file = await SafeTensorsFile.ReadFileAsync(path);

        Assert.Equal(["zeta.lora_B", "alpha", "count", "mid"], file.Tensors.Select(t => t.Name));
        Assert.Equal([0.5f, -1.25f, 3.0e38f, float.Epsilon], file["zeta.lora_B"].ToSingles());
        Assert.Equal([2L, 2], file["zeta.lora_B"].Shape);
        Assert.Equal([3.141592653589793, -2.0e-308, 1.0e300], file["alpha"].ToDoubles());
        Assert.Equal([-9007199254740993L], file["count"].ToInt64s());
        Assert.Empty(file["count"].Shape);
        Assert.Equal([0L, 3], file["mid"].Shape);
        Assert.Equal("python", file.Metadata["source"]);
        Assert.Equal("ünïcode ✓", file.Metadata["note"]);
    }
}
