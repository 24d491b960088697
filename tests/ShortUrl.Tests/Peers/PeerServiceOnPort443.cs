using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ShortUrl.Tests.Peers;

/// <summary>
/// The peers' service listening also on https://127.0.0.1:443, with a throwaway certificate made here for 127.0.0.1: the
/// bitly npm client speaks only https to port 443 of the host it is given. The client trusts the certificate through
/// NODE_EXTRA_CA_CERTS, nothing wider.
/// </summary>
public sealed class PeerServiceOnPort443 : PeerService
{
    public const string Host = "127.0.0.1";

    private string CertificatePath => Path.Combine(Folder, "certificate.pem");

    private string KeyPath => Path.Combine(Folder, "key.pem");

    public override Dictionary<string, string> Environment => new(base.Environment)
    {
        ["SHORTURL_BITLY_HOST"] = Host,
        ["NODE_EXTRA_CA_CERTS"] = CertificatePath,
    };

    protected override Task<Processes.ServiceProcess> StartAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        // Its own authority, so that a client may trust it as the one certificate of a chain of one.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
        return Processes.ServiceProcess.StartAlsoListeningAsync(
            DatabasePath, $"https://{Host}:443",
            [.. Settings, $"--Kestrel:Certificates:Default:Path={CertificatePath}", $"--Kestrel:Certificates:Default:KeyPath={KeyPath}"]);
    }
}
