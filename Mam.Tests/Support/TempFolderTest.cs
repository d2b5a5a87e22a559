namespace Mam.Tests.Support;

/// <summary>A fixture whose every test gets a fresh <see cref="TempFolder"/>, removed after the test.</summary>
public abstract class TempFolderTest(string? label = null)
{
    protected TempFolder Temp { get; private set; } = null!;

    [SetUp]
    public void CreateTempFolder() => Temp = new TempFolder(label);

    [TearDown]
    public void RemoveTempFolder() => Temp.Dispose();
}
