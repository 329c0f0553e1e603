using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;

namespace FedUnlearn.Learning.Tests.Data.Sources;

public sealed class IdxDatasetTests : IDisposable
{
    private readonly IdxTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private (string Images, string Labels) WritePair(int count, int rows, int cols, byte[]? labels = null, bool gzip = true)
    {
        var pixels = new byte[count * rows * cols];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 37 % 256);
        labels ??= Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray();
        return (_files.Write("images.gz", IdxTestFiles.Idx([count, rows, cols], pixels), gzip),
                _files.Write("labels.gz", IdxTestFiles.Idx([labels.Length], labels), gzip));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoadAsync_ValidFiles_ScalesPixelsKeepsLabelsAndOffsetsIds(bool gzip)
    {
        var (images, labels) = WritePair(4, 2, 3, gzip: gzip);

        var data = await IdxDataset.LoadAsync(images, labels, new IdxDatasetOptions { ClassCount = 3, IdOffset = 100 });

        Assert.Equal(4, data.Count);
        Assert.Equal([1, 2, 3], data.FeatureShape);
        Assert.Equal([0L, 1, 2, 0], data.Labels.ToArray());
        Assert.Equal([100L, 101, 102, 103], data.Ids.ToArray());
        // Sample 1 starts at byte 6: 6*37 % 256 = 222.
        Assert.Equal(222f / 255f, data.Features(1)[0]);
        Assert.Equal(0f, data.Features(0)[0]);
        Assert.All(data.AllFeatures.ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public async Task LoadAsync_WrongMagicType_NamesFileAndType()
    {
        var images = _files.Write("images.gz", IdxTestFiles.Idx([1, 2, 2], new byte[4], type: 0x0D));
        var labels = _files.Write("labels.gz", IdxTestFiles.Idx([1], [0]));

        var e = await Assert.ThrowsAsync<DatasetFormatException>(() => IdxDataset.LoadAsync(images, labels, new IdxDatasetOptions()));

        Assert.Contains("0x0D", e.Message);
        Assert.Equal(images, e.File);
    }

    [Fact]
    public async Task LoadAsync_LabelFileWithImageRank_Rejected()
    {
        var images = _files.Write("images.gz", IdxTestFiles.Idx([1, 2, 2], new byte[4]));
        var labels = _files.Write("labels.gz", IdxTestFiles.Idx([1, 2, 2], new byte[4]));

        var e = await Assert.ThrowsAsync<DatasetFormatException>(() => IdxDataset.LoadAsync(images, labels, new IdxDatasetOptions()));

        Assert.Contains("3 dimension(s)", e.Message);
        Assert.Contains("expected 1", e.Message);
    }

    [Fact]
    public async Task LoadAsync_CountsDisagree_Rejected()
    {
        var (images, labels) = WritePair(4, 2, 2, labels: [0, 1, 2]);

        var e = await Assert.ThrowsAsync<DatasetFormatException>(() => IdxDataset.LoadAsync(images, labels, new IdxDatasetOptions()));

        Assert.Contains("4 images", e.Message);
        Assert.Contains("3 labels", e.Message);
    }

    [Fact]
    public async Task LoadAsync_TruncatedPayload_ReportsBytesRead()
    {
        var full = IdxTestFiles.Idx([3, 2, 2], new byte[12]);
        var images = _files.Write("images.gz", full[..^5]);
        var labels = _files.Write("labels.gz", IdxTestFiles.Idx([3], [0, 0, 0]));

        var e = await Assert.ThrowsAsync<DatasetFormatException>(() => IdxDataset.LoadAsync(images, labels, new IdxDatasetOptions()));

        Assert.Contains("truncated", e.Message);
        Assert.Contains("7 of the 12 bytes", e.Message);
    }

    [Fact]
    public async Task LoadAsync_WrongImageSize_Rejected()
    {
        var (images, labels) = WritePair(2, 2, 3);

        var e = await Assert.ThrowsAsync<DatasetFormatException>(() =>
            IdxDataset.LoadAsync(images, labels, new IdxDatasetOptions { ExpectedRows = 28, ExpectedColumns = 28 }));

        Assert.Contains("2×3", e.Message);
    }

    [Fact]
    public async Task LoadAsync_LabelOutOfRange_NamesSampleAndLabel()
    {
        var (images, labels) = WritePair(3, 2, 2, labels: [0, 1, 7]);

        var e = await Assert.ThrowsAsync<DatasetFormatException>(() =>
            IdxDataset.LoadAsync(images, labels, new IdxDatasetOptions { ClassCount = 3 }));

        Assert.Contains("label 7 of sample 2", e.Message);
    }

    [Fact]
    public async Task FashionMnistLoadAsync_MissingDirectory_NamesDebianPackage()
    {
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            FashionMnist.LoadAsync(DatasetSplit.Train, Path.Combine(_files.Directory, "absent")));

        Assert.Contains("dataset-fashion-mnist", e.Message);
    }

    [Fact]
    public async Task FashionMnistLoadAsync_SmallFilesUnderRealNames_RejectsCount()
    {
        var pixels = new byte[2 * 28 * 28];
        _files.Write("t10k-images-idx3-ubyte.gz", IdxTestFiles.Idx([2, 28, 28], pixels));
        _files.Write("t10k-labels-idx1-ubyte.gz", IdxTestFiles.Idx([2], [0, 1]));

        var e = await Assert.ThrowsAsync<DatasetFormatException>(() => FashionMnist.LoadAsync(DatasetSplit.Test, _files.Directory));

        Assert.Contains("holds 2 images", e.Message);
        Assert.Contains("10000", e.Message);
    }
}
