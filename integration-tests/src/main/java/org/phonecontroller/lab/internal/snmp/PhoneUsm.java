package org.phonecontroller.lab.internal.snmp;

import java.io.IOException;
import java.util.Arrays;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityParameters;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.SecurityStateReference;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmSecurityParameters;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;

/**
 * SNMP4J's USM with RFC 3414's order of checks for an unknown user: section 3.2 step 4 (unknown user name →
 * usmStatsUnknownUserNames report) comes before step 7 (time window). SNMP4J checks the time window first, so a
 * manager that cannot time-synchronise (because its user is unknown) got silence instead of the report that
 * net-snmp's snmpd sends.
 */
final class PhoneUsm extends USM {
    PhoneUsm(SecurityProtocols protocols, OctetString engineId, int boots) {
        super(protocols, engineId, boots);
    }

    @Override
    public int processIncomingMsg(int messageProcessingModel, int maxMessageSize,
                                  SecurityParameters securityParameters, SecurityModel securityModel,
                                  int securityLevel, BERInputStream wholeMsg, TransportStateReference tmStateReference,
                                  OctetString securityEngineID, OctetString securityName, BEROutputStream scopedPDU,
                                  Integer32 maxSizeResponseScopedPDU, SecurityStateReference securityStateReference,
                                  StatusInformation statusInfo) throws IOException {
        if (securityParameters instanceof UsmSecurityParameters usm) {
            OctetString user = usm.getUserName();
            byte[] engine = usm.getAuthoritativeEngineID();
            if (user.length() > 0 && Arrays.equals(engine, getLocalEngineID().getValue())
                    && !hasUser(new OctetString(engine), user) && !hasUser(null, user)) {
                // Unknown user at this engine: let the user check report it, whatever time the manager guessed.
                usm.setAuthoritativeEngineBoots(getEngineBoots());
                usm.setAuthoritativeEngineTime(getEngineTime());
            }
        }
        return super.processIncomingMsg(messageProcessingModel, maxMessageSize, securityParameters, securityModel,
                securityLevel, wholeMsg, tmStateReference, securityEngineID, securityName, scopedPDU,
                maxSizeResponseScopedPDU, securityStateReference, statusInfo);
    }
}
