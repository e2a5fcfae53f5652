	.section	.text.sum,"ax",@progbits
	.p2align	1
	.type	sum, @function
sum:
	mv	a2, a0
	li	a3, 0
.L0_1:
	beqz	a1, .L0_2
.L0_3:
	lw	a0, 0(a2)
	add	a3, a3, a0
	addi	a1, a1, -1
	addi	a2, a2, 4
	j	.L0_1
.L0_2:
	mv	a0, a3
	ret
	.size	sum, .-sum

	.section	.text.gcd,"ax",@progbits
	.p2align	1
	.type	gcd, @function
gcd:
	mv	a2, a0
.L1_1:
	beqz	a1, .L1_2
.L1_3:
	remu	a0, a2, a1
	mv	a2, a1
	mv	a1, a0
	j	.L1_1
.L1_2:
	mv	a0, a2
	ret
	.size	gcd, .-gcd

	.section	.text.add64,"ax",@progbits
	.p2align	1
	.type	add64, @function
add64:
	slt	a4, a1, a3
	xor	a5, a1, a3
	seqz	a5, a5
	sltu	a6, a0, a2
	and	a5, a5, a6
	or	a4, a4, a5
	add	a2, a0, a2
	sltu	a0, a2, a0
	add	a1, a1, a3
	add	a0, a1, a0
	add	a1, a2, a4
	sltu	a2, a1, a2
	add	a2, a0, a2
	mv	a0, a1
	mv	a1, a2
	ret
	.size	add64, .-add64

	.section	.text.clamp8,"ax",@progbits
	.p2align	1
	.type	clamp8, @function
clamp8:
	slli	a1, a0, 24
	srai	a1, a1, 24
	slti	a1, a1, 0
	addi	a1, a1, -1
	and	a0, a0, a1
	ret
	.size	clamp8, .-clamp8

	.section	.text.caller,"ax",@progbits
	.p2align	1
	.type	caller, @function
caller:
	addi	sp, sp, -16
	sw	ra, 12(sp)
	sw	a0, 4(sp)
	mv	a0, sp
	jal	sum
	lw	a1, 4(sp)
	add	a0, a0, a1
	lw	ra, 12(sp)
	addi	sp, sp, 16
	ret
	.size	caller, .-caller
