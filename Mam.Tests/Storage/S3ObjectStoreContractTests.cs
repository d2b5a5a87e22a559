using Mam.Storage;
using Mam.Storage.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Storage;

/// <summary>The store contract, multipart included, against the real S3 server (Ceph RGW) from
/// infra/servers/start.sh. Parts travel on presigned URLs, as from the agent.</summary>
[TestFixture]
[Category("Integration")]
public sealed class S3ObjectStoreContractTests : MultipartObjectStoreContract
{
    private string _bucket = "";

    [OneTimeSetUp]
    public void ChooseBucket()
    {
        S3TestServer.IgnoreUnlessStarted();
        _bucket = S3TestServer.NewBucketName("contract");
    }

    [OneTimeTearDown]
    public async Task RemoveBucket()
    {
        if (_bucket.Length > 0)
        {
            await S3TestServer.DeleteBucketAsync(_bucket);
        }
    }

    protected override IObjectStore CreateStore() =>
        new S3ObjectStore(Options.Create(S3TestServer.Options(_bucket)), TimeProvider.System, NullLogger<S3ObjectStore>.Instance);
}
