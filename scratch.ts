import {buildPlaybook} from './source/export/playbook.js';
const p = buildPlaybook({hostname: 'web01', configDir: '/etc/postfix', postfixVersion: '3.7.11', databaseType: 'hash', notes: [],
 parameters: new Map([['relayhost','[smtp.example.com]:587'],['myorigin','example.com'],['inet_interfaces','loopback-only'],['mynetworks','127.0.0.0/8 [::1]/128'],['mydestination',''],['smtp_sasl_auth_enable','yes'],['smtp_sasl_password_maps','hash:/etc/postfix/sasl_passwd'],['sender_canonical_maps','regexp:/etc/postfix/sender_canonical']]),
 files: [{name:'sasl_passwd', parameter:'smtp_sasl_password_maps', content:'[smtp.example.com]:587 user:s3cr{{et\n', postmap: true, secret: true},{name:'sender_canonical', parameter:'sender_canonical_maps', content:'/^(.*)@web01$/ a{2}@x.com\n', postmap:false, secret:false}]},
 {hosts:'all', role:'fedora.linux_system_roles.postfix', includeSecrets:false, generatedAt:new Date(), toolVersion:'0.1.0'});
console.log(p.text);
