/**
 * The vendor HTTP phone adapters: {@link org.phonecontroller.protocols.http.PolycomRestProtocol}
 * ({@code polycom-rest}), {@link org.phonecontroller.protocols.http.SnomHttpProtocol} ({@code snom-http}) and
 * {@link org.phonecontroller.protocols.http.GrandstreamHttpProtocol} ({@code grandstream-http}), sharing an
 * {@link org.phonecontroller.protocols.http.HttpTransport} (Apache HttpClient 5 async with our Basic and Digest)
 * per {@link org.phonecontroller.protocols.http.TlsPolicy}. Every reply parser turns garbage into a typed failure
 * for that phone; credentials never appear in messages or {@code toString()}.
 */
package org.phonecontroller.protocols.http;
