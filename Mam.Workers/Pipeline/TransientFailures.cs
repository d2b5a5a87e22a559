using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mam.Workers.Pipeline;

/// <summary>Tells "a server we depend on is briefly unreachable" (retry later, nothing is wrong with
/// the work) from "this work failed" (record it for the user). A restarting database must never
/// turn into a failed stage an editor has to retry by hand.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or RetryLimitExceededException or TimeoutException or HttpRequestException or Mam.Storage.S3.ObjectStoreUnavailableException)
            {
                return true;
            }
        }
        return false;
    }
}
