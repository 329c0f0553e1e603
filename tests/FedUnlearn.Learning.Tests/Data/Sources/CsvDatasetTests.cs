using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;

namespace FedUnlearn.Learning.Tests.Data.Sources;

public sealed class CsvDatasetTests
{
    private static Task<DenseDataset> Load(string csv, CsvDatasetOptions? options = null) =>
        CsvDataset.LoadAsync(new StringReader(csv), options ?? new CsvDatasetOptions { LabelColumn = "species" }, "test.csv");

    private static async Task<DatasetFormatException> LoadFails(string csv, CsvDatasetOptions? options = null) =>
        await Assert.ThrowsAsync<DatasetFormatException>(() => Load(csv, options));

    [Fact]
    public async Task LoadAsync_ValidFile_FeaturesLabelsSortedVocabularyAndRowIds()
    {
        var data = await Load("a,species,b\n1.5,setosa,-2\n\n3e1,\"virginica\",0.25\n7,setosa,8\n");

        Assert.Equal([2], data.FeatureShape);
        Assert.Equal([1.5f, -2f, 30f, 0.25f, 7f, 8f], data.AllFeatures.ToArray());
        Assert.Equal(["setosa", "virginica"], data.ClassNames!);
        Assert.Equal([0L, 1, 0], data.Labels.ToArray());
        Assert.Equal([0L, 1, 2], data.Ids.ToArray());
    }

    [Fact]
    public async Task LoadAsync_IntegerLabels_SortedNumericallyNotAsText()
    {
        var data = await Load("x,species\n1,10\n2,2\n3,1\n");

        Assert.Equal(["1", "2", "10"], data.ClassNames!);
        Assert.Equal([2L, 1, 0], data.Labels.ToArray());
    }

    [Fact]
    public async Task LoadAsync_IdColumnAndExplicitClasses_Used()
    {
        var options = new CsvDatasetOptions { LabelColumn = "y", IdColumn = "id", ClassNames = ["no", "yes"] };

        var data = await Load("id,x,y\n17,0.5,yes\n4,1,no\n", options);

        Assert.Equal([17L, 4], data.Ids.ToArray());
        Assert.Equal([1L, 0], data.Labels.ToArray());
        Assert.Equal([0.5f, 1f], data.AllFeatures.ToArray());
    }

    [Fact]
    public async Task LoadAsync_NonNumericFeature_NamesLineAndColumn()
    {
        var e = await LoadFails("a,species\n1,setosa\n2,setosa\nabc,setosa\n");

        Assert.Equal(4, e.LineNumber);
        Assert.Contains("line 4", e.Message);
        Assert.Contains("column 'a': 'abc'", e.Message);
    }

    [Theory]
    [InlineData("a,species\n1,setosa\n2\n", 3, "expected 2 fields")]
    [InlineData("a,species\n1,setosa\nNaN,setosa\n", 3, "finite")]
    [InlineData("a,species\n1,setosa\n,setosa\n", 3, "empty")]
    [InlineData("a;species\n1,5;setosa\n", 2, "'1,5' is not a finite number")]
    [InlineData("a,species\n1,\"setosa\n", 2, "never closed")]
    [InlineData("a,species\n1,\n", 2, "label column")]
    [InlineData("a,b\n1,2\n", 1, "no label column 'species'")]
    [InlineData("species\nsetosa\n", 1, "no feature columns")]
    [InlineData("a,a,species\n1,2,x\n", 1, "more than once")]
    [InlineData("a,species\n", 1, "no data rows")]
    public async Task LoadAsync_BadInput_ErrorNamesLine(string csv, int line, string fragment)
    {
        var e = await LoadFails(csv, new CsvDatasetOptions { LabelColumn = "species", Delimiter = csv.Contains(';') ? ';' : ',' });

        Assert.Equal(line, e.LineNumber);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public async Task LoadAsync_DuplicateIdOrUnknownClass_NamesBothLines()
    {
        var duplicate = await LoadFails("id,x,y\n1,0,a\n2,0,a\n1,0,b\n", new CsvDatasetOptions { LabelColumn = "y", IdColumn = "id" });
        var unknown = await LoadFails("x,y\n0,a\n0,c\n", new CsvDatasetOptions { LabelColumn = "y", ClassNames = ["a", "b"] });

        Assert.Equal(4, duplicate.LineNumber);
        Assert.Contains("already used on line 2", duplicate.Message);
        Assert.Equal(3, unknown.LineNumber);
        Assert.Contains("label 'c'", unknown.Message);
    }

    [Fact]
    public async Task LoadAsync_FromFile_UsesFileNameAsDatasetName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fedunlearn-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "f;label\n1.5;x\n");
        try
        {
            var data = await CsvDataset.LoadAsync(path, new CsvDatasetOptions { LabelColumn = "label", Delimiter = ';' });

            Assert.Equal(Path.GetFileNameWithoutExtension(path), data.Name);
            Assert.Equal(1, data.Count);
            Assert.Equal(1.5f, data.Features(0)[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
