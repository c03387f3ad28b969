using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace Flyte.Devbox.Tests.Storage;

/// <summary>
/// Checks an AWS Signature Version 4 presigned URL as S3 does (query-string authentication, unsigned payload): whether
/// its signature is the one for a request with the given method and headers. s3rver accepts SigV4 URLs without checking
/// their signatures, so the tests check them here instead.
/// </summary>
internal static class SigV4QuerySignature
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The names in X-Amz-SignedHeaders: the headers a request to <paramref name="url"/> must send unchanged.</summary>
    public static IReadOnlyList<string> SignedHeaders(Uri url) => Query(url)["X-Amz-SignedHeaders"]!.Split(';');

    /// <param name="headers">The request's headers, by lower-case name; <c>host</c> is taken from the URL.</param>
    public static bool Matches(Uri url, string method, IReadOnlyDictionary<string, string> headers, string secretAccessKey)
    {
        var query = Query(url);
        if (query["X-Amz-Algorithm"] != Algorithm)
        {
            return false;
        }
        string amzDate = query["X-Amz-Date"]!;
        string scope = query["X-Amz-Credential"]!.Split('/', 2)[1];
        var signedHeaders = SignedHeaders(url);

        var canonicalQuery = string.Join('&', query.AllKeys
            .Where(name => name != "X-Amz-Signature")
            .Select(name => (Name: Uri.EscapeDataString(name!), Value: Uri.EscapeDataString(query[name]!)))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .Select(pair => $"{pair.Name}={pair.Value}"));
        var allHeaders = new Dictionary<string, string>(headers, StringComparer.Ordinal) { ["host"] = url.Authority };
        var canonicalHeaders = new StringBuilder();
        foreach (string name in signedHeaders)
        {
            if (!allHeaders.TryGetValue(name, out var value))
            {
                return false;
            }
            canonicalHeaders.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }
        string canonicalRequest = string.Join('\n',
            method, url.AbsolutePath, canonicalQuery, canonicalHeaders.ToString(), string.Join(';', signedHeaders), "UNSIGNED-PAYLOAD");
        string stringToSign = string.Join('\n',
            Algorithm, amzDate, scope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (string part in scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        string signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return signature == query["X-Amz-Signature"];
    }

    private static System.Collections.Specialized.NameValueCollection Query(Uri url) => HttpUtility.ParseQueryString(url.Query);
}
