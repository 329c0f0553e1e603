using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests.nn;

/// <summary>A state dict written by PyTorch 1.13 itself (safetensors bytes built with json + struct) loads into our modules.</summary>
public sealed class PyTorchInteropTests : IDisposable
{
    // Writes the state dict of a seeded nn.Linear(5, 3), and an input batch with PyTorch's output for it.
    private const string Script = """
        import json, struct, sys, torch
        torch.manual_seed(1234)
        lin = torch.nn.Linear(5, 3)
        x = torch.randn(4, 5)
        with torch.no_grad():
            y = lin(x)
        def write(path, tensors, metadata):
            header, blobs, offset = {"__metadata__": metadata}, [], 0
            for name, t in tensors.items():
                data = t.detach().contiguous().numpy().astype("<f4").tobytes()
                header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
                blobs.append(data)
                offset += len(data)
            h = json.dumps(header).encode()
            h += b" " * (-len(h) % 8)
            with open(path, "wb") as f:
                f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
        write(sys.argv[1], lin.state_dict(), {"format": "pt", "torch": torch.__version__})
        write(sys.argv[2], {"x": x, "y": y}, {})
        """;

    private readonly TempDirectory _dir = new("fu-nn-py-");

    public void Dispose() => _dir.Dispose();

    [PythonFact("torch")]
    public async Task LoadStateDictAsync_FileWrittenByPyTorch_GivesPyTorchsForwardOutput()
    {
        var modelPath = _dir.File("linear.safetensors");
        var ioPath = _dir.File("io.safetensors");
        await Python.RunAsync(Script, modelPath, ioPath);
        using var model = torch.nn.Linear(5, 3);

        var result = await model.LoadStateDictAsync(modelPath);
        var io = await SafeTensorsFile.ReadFileAsync(ioPath);

        Assert.Empty(result.MissingKeys);
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor<float>(io["x"].ToSingles(), io["x"].Shape);
        var expected = io["y"].ToSingles();
        var actual = model.forward(x).ToArray<float>();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6, $"element {i}: PyTorch {expected[i]:R}, ours {actual[i]:R}");
        }
    }
}
